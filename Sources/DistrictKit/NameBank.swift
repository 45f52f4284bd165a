/// The words a district is made of: people's names, schools and subjects.
///
/// A few names carry accents, apostrophes and hyphens so the config and the API carry
/// more than ASCII letters; `loginPart` folds them for logins.
enum NameBank {
    static let firstNames = [
        "Aaliyah", "Aarav", "Abigail", "Adrian", "Aisha", "Alejandro", "Amara", "Amelia", "Andrés", "Anna", "Ava", "Benjamin",
        "Bilal", "Camila", "Charlotte", "Chen", "Chloé", "Daniel", "David", "Diego", "Elena", "Eli", "Emily", "Emma", "Ethan",
        "Fatima", "Felix", "Gabriel", "Grace", "Hannah", "Harper", "Hiroshi", "Ibrahim", "Isabella", "Isaac", "Jack", "James",
        "Jamal", "Jasmine", "Jean-Luc", "Jonas", "José", "Julia", "Kai", "Kenji", "Layla", "Leo", "Liam", "Lucas", "Lucía",
        "Maya", "Mateo", "Mia", "Mohammed", "Noah", "Nora", "Oliver", "Olivia", "Omar", "Priya", "Rafael", "Ruby", "Samuel",
        "Sofia", "Sophia", "Thomas", "Valentina", "William", "Yusuf", "Zoë",
    ]

    static let lastNames = [
        "Adams", "Ahmed", "Allen", "Anderson", "Brown", "Campbell", "Carter", "Chen", "Clark", "Davis", "Díaz", "Evans", "Flores",
        "García", "Green", "Haddad", "Hall", "Harris", "Hernández", "Hill", "Ito", "Jackson", "Johnson", "Jones", "Kim", "King",
        "Kowalski", "Lee", "Lewis", "López", "Martin", "Martínez", "Miller", "Moore", "Müller", "Nguyen", "O'Brien", "O'Connor",
        "Okafor", "Patel", "Perez", "Ramirez", "Rivera", "Robinson", "Rodriguez", "Rossi", "Sanchez", "Schmidt", "Scott",
        "Silva", "Singh", "Smith", "Smith-Jones", "Tanaka", "Taylor", "Thomas", "Thompson", "Torres", "Walker", "White",
        "Williams", "Wilson", "Wright", "Young",
    ]

    static let schools: [(code: String, name: String)] = [
        ("NHS", "Northfield High School"), ("RMS", "Riverside Middle School"), ("LHS", "Lakeview High School"),
        ("OMS", "Oak Grove Middle School"), ("WHS", "Westbrook High School"), ("HMS", "Hillcrest Middle School"),
        ("SHS", "Southgate High School"), ("PMS", "Pinecrest Middle School"), ("EHS", "Eastwood High School"),
        ("VMS", "Valley View Middle School"), ("CHS", "Central High School"), ("MHS", "Maple Ridge High School"),
    ]

    static let subjects: [(code: String, name: String)] = [
        ("ALG1", "Algebra I"), ("ALG2", "Algebra II"), ("GEOM", "Geometry"), ("PREC", "Precalculus"), ("CALC", "AP Calculus AB"),
        ("STAT", "Statistics"), ("ENG9", "English 9"), ("ENG10", "English 10"), ("ENG11", "American Literature"),
        ("ENG12", "British Literature"), ("BIO", "Biology"), ("CHEM", "Chemistry"), ("PHYS", "Physics"),
        ("ENVS", "Environmental Science"), ("WHIST", "World History"), ("USHIST", "U.S. History"), ("GOV", "Government & Civics"),
        ("ECON", "Economics"), ("PSYC", "Psychology"), ("SPAN1", "Spanish I"), ("SPAN2", "Spanish II"), ("FREN1", "French I"),
        ("GERM1", "German I"), ("CHIN1", "Mandarin Chinese I"), ("ART", "Studio Art"), ("PHOTO", "Photography"),
        ("MUS", "Concert Band"), ("CHOIR", "Choir"), ("DRAMA", "Theatre Arts"), ("PE", "Physical Education"),
        ("HLTH", "Health"), ("CS", "Computer Science Principles"), ("CSA", "AP Computer Science A"),
        ("ROBO", "Robotics"), ("BUS", "Intro to Business"), ("FIN", "Personal Finance"), ("JOUR", "Journalism"),
        ("DEBATE", "Speech & Debate"), ("ANAT", "Anatomy & Physiology"), ("ASTRO", "Astronomy"),
    ]

    /// A name part for a login: lowercase ASCII letters and hyphens.
    static func loginPart(_ name: String) -> String {
        let folded: [Character: String] = [
            "á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u", "ü": "u", "ë": "e", "ñ": "n", "ç": "c",
        ]
        var out = ""
        for c in name.lowercased() {
            if let f = folded[c] {
                out += f
            } else if c.isASCII, c.isLetter || c == "-" {
                out.append(c)
            }
        }
        return out
    }
}

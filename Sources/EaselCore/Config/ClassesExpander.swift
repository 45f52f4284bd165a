import EaselYAML

/// Expands `classes` blocks into the terms, courses and enrollments they mean.
struct ClassesExpander {
    let reader: NodeReader

    func expand(_ block: ClassesBlock, into config: inout Config) {
        let subjectsById = Dictionary(block.subjects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for schoolClass in block.classes {
            var termRef = block.term
            if block.layout == .classAsTerm {
                let names = ["class": schoolClass.id, "class.name": schoolClass.name]
                let termId = block.termId.render(names)
                guard checkGenerated(termId, block.termId, "term_id", schoolClass.range) else { continue }
                let start = schoolClass.start ?? block.start
                let end = schoolClass.end ?? block.end
                config.terms.append(
                    Term(id: termId, name: block.termName.render(names), start: start, end: end, range: schoolClass.range))
                termRef = Ref(termId, at: schoolClass.range)
            }
            let subjects: [(subject: Ref, roles: ClassesBlock.RoleLists)] =
                schoolClass.subjects ?? block.subjects.map { (Ref($0.id, at: $0.range), []) }
            for (subjectRef, extras) in subjects {
                guard let subject = subjectsById[subjectRef.id] else {
                    reader.error(
                        "unknown subject '\(subjectRef.id)' in class '\(schoolClass.id)'\(Suggestion.hint(for: subjectRef.id, in: block.subjects.map(\.id)))",
                        at: subjectRef.range)
                    continue
                }
                let names = [
                    "term": termRef?.id ?? "", "class": schoolClass.id, "class.name": schoolClass.name,
                    "subject": subject.id, "subject.name": subject.name,
                ]
                let id = block.courseId.render(names)
                guard checkGenerated(id, block.courseId, "course_id", subjectRef.range) else { continue }
                // Point at the class's own subject entry when it has one, else at the class.
                var course = Course(
                    id: id, name: block.courseName.render(names), code: block.courseCode.render(names),
                    range: schoolClass.subjects == nil ? schoolClass.range : subjectRef.range)
                course.term = termRef
                course.account = block.account
                course.published = block.published
                course.generatedFrom = "class '\(schoolClass.id)', subject '\(subject.id)'"
                var seen = Set<String>()
                for (role, users) in schoolClass.roles + extras {
                    for user in users where seen.insert("\(role.rawValue)\u{0}\(user.id)").inserted {
                        course.enrollments.append(Enrollment(user: user, role: role.rawValue, range: user.range))
                    }
                }
                config.courses.append(course)
            }
        }
    }

    private func checkGenerated(_ id: String, _ template: Template, _ key: String, _ at: SourceRange) -> Bool {
        if id.isEmpty || id.first!.isWhitespace || id.last!.isWhitespace {
            reader.error("template \(key) '\(template.text)' yields an invalid id '\(id)'", at: template.range.isSynthetic ? at : template.range)
            return false
        }
        return true
    }
}

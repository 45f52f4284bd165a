@testable import CanvasAPI
import EaselHTTP
import Foundation
import Testing

@Suite("What the resource calls send")
struct RequestShapeTests {
    static let base = "https://school.example"

    static func client(_ transport: ScriptedTransport, log: (@Sendable (CanvasRequestLog) -> Void)? = nil) throws
        -> CanvasClient
    {
        try CanvasClient(baseURL: base, token: CanvasToken("tkn"), transport: transport, configuration: fastConfiguration(log: log))
    }

    @Test func createCourseSendsAFormWithHeaders() async throws {
        let transport = ScriptedTransport { _, _ in ScriptedTransport.json(200, #"{"id":"9","sis_course_id":"2026F-MATH101-A"}"#) }
        let course = try await Self.client(transport).createCourse(
            account: .sis(.account, "HS"),
            CourseParams(
                name: "Algebra I (A)", courseCode: "MATH101-A", startAt: .some(Date(timeIntervalSince1970: 1_788_220_800)),
                restrictEnrollmentsToCourseDates: true, term: .sis(.term, "2026-FALL"), sisCourseId: "2026F-MATH101-A"),
            offer: true)
        #expect(course.id == "9")
        let request = try #require(transport.requests.first)
        #expect(request.method == .post)
        #expect(request.target == "/api/v1/accounts/sis_account_id:HS/courses")
        #expect(request.headers["authorization"] == "Bearer tkn")
        #expect(request.headers["accept"] == "application/json+canvas-string-ids")
        #expect(request.headers["content-type"] == "application/x-www-form-urlencoded")
        #expect(
            request.bodyText
                == "course[name]=Algebra%20I%20%28A%29&course[course_code]=MATH101-A"
                + "&course[start_at]=2026-09-01T00%3A00%3A00Z&course[restrict_enrollments_to_course_dates]=true"
                + "&course[term_id]=sis_term_id%3A2026-FALL&course[sis_course_id]=2026F-MATH101-A&offer=true")
    }

    @Test func readCallsAndTheirQueries() async throws {
        let transport = ScriptedTransport { request, _ in
            request.target.contains("/enrollments?") || request.target.contains("/courses?")
                ? ScriptedTransport.json(200, "[]") : ScriptedTransport.json(200, #"{"id":"1"}"#)
        }
        let client = try Self.client(transport)
        _ = try await client.enrollments(.course(.sis(.course, "C.1")))
        _ = try await client.enrollments(.section(.id("5")), EnrollmentListQuery(types: [.teacher], states: [.active], user: .sis(.user, "T1")))
        _ = try await client.course(.sis(.course, "C/1"), include: ["term"], includeDeleted: true)
        _ = try await client.courses(account: .id("1"), CourseListQuery(term: .sis(.term, "T"), states: [.available, .completed]))
        _ = try await client.removeEnrollment(course: .id("3"), id: "44", task: .delete)
        try await client.deleteCourse(.id("3"), event: .conclude)
        _ = try await client.reactivateEnrollment(course: .id("3"), id: "44")
        #expect(transport.requests.map { "\($0.method) \($0.target)" } == [
            "GET /api/v1/courses/sis_course_id:C%2E1/enrollments?state[]=active&state[]=invited&state[]=creation_pending"
                + "&state[]=inactive&state[]=completed&state[]=rejected&state[]=deleted&per_page=100",
            "GET /api/v1/sections/5/enrollments?type[]=TeacherEnrollment&state[]=active&user_id=sis_user_id%3AT1&per_page=100",
            "GET /api/v1/courses/hex:sis_course_id:432F31?include[]=term&include[]=all_courses",
            "GET /api/v1/accounts/1/courses?enrollment_term_id=sis_term_id%3AT&state[]=available&state[]=completed&per_page=100",
            "DELETE /api/v1/courses/3/enrollments/44?task=delete",
            "DELETE /api/v1/courses/3?event=conclude",
            "PUT /api/v1/courses/3/enrollments/44/reactivate",
        ])
    }

    @Test func lostUserCreateIsReadBackByLogin() async throws {
        let transport = ScriptedTransport { request, index in
            if request.method == .post { throw ScriptedTransport.lost }
            return ScriptedTransport.json(200, #"{"id":"77","login_id":"jdoe"}"#)
        }
        let user = try await Self.client(transport).createUser(
            NewUser(name: "Jane Doe", login: .init(uniqueId: "jdoe"), communicationChannel: .init(address: "jdoe@school.example", skipConfirmation: true)))
        #expect(user.id == "77")
        #expect(transport.requests.map { "\($0.method) \($0.target)" } == [
            "POST /api/v1/accounts/self/users", "GET /api/v1/users/sis_login_id:jdoe",
        ])
        #expect(
            transport.requests[0].bodyText
                == "user[name]=Jane%20Doe&pseudonym[unique_id]=jdoe&communication_channel[type]=email"
                + "&communication_channel[address]=jdoe%40school.example&communication_channel[skip_confirmation]=true")
    }

    @Test func lostEnrollmentCreateIsReadBackByItsKey() async throws {
        let listed = #"[{"id":"500","type":"StudentEnrollment","role":"StudentEnrollment","enrollment_state":"active","course_section_id":"12"},{"id":"501","type":"StudentEnrollment","role":"StudentEnrollment","enrollment_state":"active","course_section_id":"13"}]"#
        let transport = ScriptedTransport { request, _ in
            if request.method == .post { throw ScriptedTransport.lost }
            if request.target.hasPrefix("/api/v1/sections/") && !request.target.contains("enrollments") {
                return ScriptedTransport.json(200, #"{"id":"13"}"#)
            }
            return ScriptedTransport.json(200, listed)
        }
        let enrollment = try await Self.client(transport).createEnrollment(
            in: .course(.sis(.course, "C1")),
            NewEnrollment(user: .sis(.user, "S1"), type: .student, state: .active, section: .sis(.section, "C1-P2")))
        #expect(enrollment.id == "501")
        #expect(transport.requests.map { "\($0.method) \($0.target)" } == [
            "POST /api/v1/courses/sis_course_id:C1/enrollments",
            "GET /api/v1/sections/sis_section_id:C1-P2",
            "GET /api/v1/courses/sis_course_id:C1/enrollments?type[]=StudentEnrollment&state[]=active&state[]=invited"
                + "&state[]=creation_pending&state[]=inactive&state[]=completed&state[]=rejected&state[]=deleted"
                + "&user_id=sis_user_id%3AS1&per_page=100",
        ])
        #expect(
            transport.requests[0].bodyText
                == "enrollment[user_id]=sis_user_id%3AS1&enrollment[type]=StudentEnrollment"
                + "&enrollment[enrollment_state]=active&enrollment[course_section_id]=sis_section_id%3AC1-P2")
    }

    @Test func aLostCreateNotFoundOnReadBackIsSentAgain() async throws {
        let transport = ScriptedTransport { request, index in
            switch index {
            case 0: return ScriptedTransport.json(502, "<html>bad gateway</html>")
            case 1: return ScriptedTransport.json(404, #"{"errors":[{"message":"The specified resource does not exist."}]}"#)
            default: return ScriptedTransport.json(200, #"{"id":"3","sis_section_id":"P1"}"#)
            }
        }
        let section = try await Self.client(transport).createSection(course: .id("1"), SectionParams(name: "P1", sisSectionId: "P1"))
        #expect(section.id == "3")
        #expect(transport.requests.map(\.method) == [.post, .get, .post])
    }

    @Test func verboseLogCarriesRateLimitHeaders() async throws {
        let sink = LogSink()
        let transport = ScriptedTransport { _, _ in
            ScriptedTransport.json(200, #"{"id":"1"}"#, ["X-Request-Cost": "0.5", "X-Rate-Limit-Remaining": "612.25"])
        }
        _ = try await Self.client(transport, log: sink.closure).account(.sis(.account, "HS"))
        let entry = try #require(sink.entries.first)
        #expect(entry.method == "GET")
        #expect(entry.path == "/api/v1/accounts/sis_account_id:HS")
        #expect(entry.status == 200)
        #expect(entry.requestCost == 0.5)
        #expect(entry.rateLimitRemaining == 612.25)
        #expect(entry.description.hasPrefix("GET /api/v1/accounts/sis_account_id:HS 200 "))
        #expect(entry.description.hasSuffix("ms cost=0.5 remaining=612.25"))
    }
}

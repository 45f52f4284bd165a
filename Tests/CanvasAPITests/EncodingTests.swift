@testable import CanvasAPI
import Foundation
import Testing

@Suite("SIS-id paths and form encoding")
struct EncodingTests {
    @Test(arguments: [
        ("CS/101.11é", "CS%2F101%2E11%C3%A9"),
        ("ABC1", "ABC1"),
        ("2026F-MATH_101~A", "2026F-MATH_101~A"),
        ("a b+c", "a%20b%2Bc"),
        ("x?y#z%", "x%3Fy%23z%25"),
        ("Ünïcødé ✓", "%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E2%9C%93"),
        ("a:b", "a%3Ab"),
    ])
    func pathSegmentEscaping(value: String, escaped: String) {
        #expect(CanvasPath.escapeSegment(value) == escaped)
    }

    @Test func hexForm() {
        #expect(CanvasPath.hexForm(.course, "ABC1") == "hex:sis_course_id:41424331")
        #expect(CanvasPath.hexForm(.user, "é/") == "hex:sis_user_id:C3A92F")
    }

    @Test(arguments: [
        (CanvasRef.sis(.course, "CS101.11é"), SISIdEncoding.hexWhenProxyUnsafe, "sis_course_id:CS101%2E11%C3%A9"),
        (.sis(.course, "CS/101.11é"), .percent, "sis_course_id:CS%2F101%2E11%C3%A9"),
        (.sis(.course, "CS/101"), .hexWhenProxyUnsafe, "hex:sis_course_id:43532F313031"),
        (.sis(.section, "50%"), .hexWhenProxyUnsafe, "hex:sis_section_id:353025"),
        (.sis(.term, "2026-FALL"), .hex, "hex:sis_term_id:323032362D46414C4C"),
        (.id("42"), .hex, "42"),
        (.self, .hex, "self"),
        (.sis(.login, "jdoe@school.example"), .hexWhenProxyUnsafe, "sis_login_id:jdoe%40school%2Eexample"),
    ])
    func refPathSegments(ref: CanvasRef, encoding: SISIdEncoding, segment: String) {
        #expect(ref.pathSegment(encoding) == segment)
    }

    @Test func refParameterValuesStayUnescapedForTheFormEncoder() {
        #expect(CanvasRef.sis(.user, "S 1.0").parameterValue(.hexWhenProxyUnsafe) == "sis_user_id:S 1.0")
        #expect(CanvasRef.sis(.user, "A/B").parameterValue(.hexWhenProxyUnsafe) == "hex:sis_user_id:412F42")
    }

    @Test(arguments: [
        ("123", CanvasRef.id("123")), ("sis_account_id:HS", .sis(.account, "HS")),
        ("sis_term_id:2026:FALL", .sis(.term, "2026:FALL")), ("self", .self), ("default", .special("default")),
        ("12345678901234567890", .special("12345678901234567890")),
    ])
    func refParsing(text: String, ref: CanvasRef) {
        #expect(CanvasRef(text) == ref)
    }

    @Test func formFields() {
        var form = FormFields()
        form.add("a[b]", "1")
        form.add("ids[]", each: ["2", "3"])
        #expect(form.encoded == "a[b]=1&ids[]=2&ids[]=3")

        var tricky = FormFields()
        tricky.add("course[name]", "Algebra & Geometry = fun + 100% ü")
        tricky.add("course[sis_course_id]", "sis_course_id:CS/101")
        tricky.add("course[is_public]", false)
        tricky.add("course[end_at]", .some(nil) as Date??)
        tricky.add("course[start_at]", nil as Date??)
        tricky.add("course[start_at]", Date(timeIntervalSince1970: 1_788_220_800))
        #expect(
            tricky.encoded
                == "course[name]=Algebra%20%26%20Geometry%20%3D%20fun%20%2B%20100%25%20%C3%BC"
                + "&course[sis_course_id]=sis_course_id%3ACS%2F101&course[is_public]=false&course[end_at]="
                + "&course[start_at]=2026-09-01T00%3A00%3A00Z")
    }

    @Test(arguments: [
        ("2026-09-01T00:00:00Z", 1_788_220_800.0),
        ("2026-08-31T18:00:00-06:00", 1_788_220_800.0),
        ("2026-09-01T00:00:00.250Z", 1_788_220_800.25),
        ("2026-09-01", 1_788_220_800.0),
    ])
    func dateParsing(text: String, seconds: Double) {
        #expect(CanvasJSON.parseDate(text)?.timeIntervalSince1970 == seconds)
    }

    @Test func linkHeaderNext() {
        let header = #"<https://c.example/api/v1/x?page=bookmark:WzEsMl0&per_page=100>; rel="current",<https://c.example/api/v1/x?page=bookmark:WzMsNF0&per_page=100>; rel="next",<https://c.example/api/v1/x?page=first&per_page=100>; rel="first""#
        #expect(LinkHeader.next(in: [header]) == "https://c.example/api/v1/x?page=bookmark:WzMsNF0&per_page=100")
        #expect(LinkHeader.next(in: [#"<https://c.example/a?x=1,2>; REL=next"#]) == "https://c.example/a?x=1,2")
        #expect(LinkHeader.next(in: [#"<https://c.example/a>; rel="current", <https://c.example/b>; rel="prev next""#]) == "https://c.example/b")
        #expect(LinkHeader.next(in: [#"<https://c.example/a>; rel="current",<https://c.example/z>; rel="last""#]) == nil)
        #expect(LinkHeader.next(in: []) == nil)
    }

    @Test func paginationLinksMustStayOnTheSameCanvas() throws {
        let base = try CanvasBaseURL("https://school.example/")
        #expect(base.owns("https://school.example/api/v1/courses?page=2"))
        #expect(base.owns("HTTPS://SCHOOL.EXAMPLE/api/v1/courses"))
        #expect(!base.owns("https://school.example.evil.test/api/v1/courses"))
        #expect(!base.owns("http://school.example/api/v1/courses"))
    }

    @Test func logPathsDropSecrets() {
        #expect(
            CanvasRequestLog.redactedPath("https://c.example/api/v1/x?access_token=abc&page=2&API_KEY=k")
                == "/api/v1/x?page=2")
        #expect(CanvasRequestLog.redactedPath("https://c.example/api/v1/x?access_token=abc") == "/api/v1/x")
    }
}

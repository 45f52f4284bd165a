@testable import CanvasAPI
import EaselHTTP
import Testing

@Suite("Throttling, 5xx and lost writes over loopback HTTP")
struct ClientResilienceTests {
    struct OK: Decodable, Sendable {}

    @Test func throttledCallersAllSucceedAndParallelismDrops() async throws {
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for caller in 0..<8 {
                        group.addTask {
                            for call in 0..<10 {
                                let _: OK = try await client.get("/api/v1/bucket/\(caller * 10 + call)")
                            }
                        }
                    }
                    try await group.waitForAll()
                }
                let metrics = client.metrics
                #expect(metrics.throttledResponses > 0)
                #expect(metrics.throttledResponses == canvas.serverThrottled)
                #expect(metrics.lowestParallelism == 1)
                #expect(metrics.requestsSent == 80 + metrics.throttledResponses)
            }
        }
    }

    @Test func cancellingACallFreesItsSlot() async throws {
        let configuration = {
            var configuration = fastConfiguration()
            configuration.throttle.initialParallelism = 1
            configuration.throttle.maxParallelism = 1
            return configuration
        }()
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            defer { canvas.slow.open() }
            try await withClient(base, configuration: configuration) { client in
                let call = Task { try await client.get("/api/v1/slow", as: [String: String].self) }
                try await canvas.slow.waitForArrivals()
                call.cancel()
                await #expect(throws: CancellationError.self) { try await call.value }
                let account = try await client.account()
                #expect(account.id == "1")
                // The next call did not wait out the cancelled one's response: the server still holds it.
                #expect(canvas.slow.answered == 0)
            }
        }
    }

    @Test func readsSurviveTenPercentServerErrors() async throws {
        try await withTestServer(MiniCanvas().routes) { base in
            try await withClient(base) { client in
                struct Thing: Decodable, Sendable { let id: String }
                let ids = try await withThrowingTaskGroup(of: String.self) { group in
                    for n in 0..<200 {
                        group.addTask { try await client.get("/api/v1/flaky/\(n)", as: Thing.self).id }
                    }
                    return try await group.reduce(into: Set<String>()) { $0.insert($1) }
                }
                #expect(ids.count == 200)
                #expect(client.metrics.retries >= 15)
            }
        }
    }

    @Test func lostCreatesAreSettledByReadBackWithoutDuplicates() async throws {
        let canvas = MiniCanvas()
        let courses = try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                try await withThrowingTaskGroup(of: CanvasCourse.self) { group in
                    var created: [CanvasCourse] = []
                    for n in 0..<500 {
                        if n >= 8 { created.append(try await group.next()!) }
                        group.addTask {
                            let sisID = "C-\(n)"
                            let course = try await client.createCourse(
                                account: .id("1"), CourseParams(name: "Course \(n)", sisCourseId: sisID))
                            #expect(course.sisCourseId == sisID)
                            return course
                        }
                    }
                    for try await course in group { created.append(course) }
                    #expect(client.metrics.readBacks > 0)
                    return created
                }
            }
        }
        #expect(courses.count == 500)
        #expect(Set(courses.map(\.id)).count == 500)
        #expect(canvas.courses.count == 500, "exactly one object per create")
        #expect(canvas.coursePosts > 500, "some creates were lost and settled or re-sent")
    }

    /// Lost response, read-back misses (a lagging replica), re-sent create refused as
    /// "already in use": the second read-back settles it as ours.
    @Test func sisIdTakenAfterALostAttemptIsSettledByReadBack() async throws {
        let canvas = MiniCanvas()
        let course = try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                let course = try await client.createCourse(account: .id("1"), CourseParams(name: "Lag", sisCourseId: "LAG-1"))
                #expect(client.metrics.readBacks == 2)
                return course
            }
        }
        #expect(course.sisCourseId == "LAG-1")
        #expect(canvas.coursePosts == 2)
        #expect(canvas.sisConflicts == 1)
        #expect(canvas.courses.count == 1)
    }

    @Test func aLostCreateWithoutReadBackIsNotResent() async throws {
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                var lost: CanvasError?
                for n in 0..<5 {
                    do {
                        let _: CanvasCourse = try await client.write(
                            .post, "/api/v1/accounts/1/courses", body: .form(["course[sis_course_id]": "N-\(n)"]),
                            readBack: nil)
                    } catch let error as CanvasError {
                        lost = error
                    }
                }
                #expect(lost?.outcomeUnknown == true)
                #expect(lost?.kind == .transport)
                #expect(canvas.coursePosts == 5, "the fifth post was dropped and not sent again")
            }
        }
    }

    @Test func aCreateRefusedAsTakenWithoutAnEarlierLostAttemptIsAConflict() async throws {
        let canvas = MiniCanvas()
        try await withTestServer(canvas.routes) { base in
            try await withClient(base) { client in
                _ = try await client.createCourse(account: .id("1"), CourseParams(name: "A", sisCourseId: "DUP"))
                let error = await #expect(throws: CanvasError.self) {
                    try await client.createCourse(account: .id("1"), CourseParams(name: "B", sisCourseId: "DUP"))
                }
                #expect(error?.kind == .validation)
                #expect(error?.isSISIdTaken == true)
                #expect(error?.description.contains(#"SIS ID "DUP" is already in use"#) == true)
            }
        }
    }
}

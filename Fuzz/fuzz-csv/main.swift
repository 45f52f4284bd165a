import BulkFiles
import CFuzzer
import Glibc

/// One input is one CSV file of a Canvas report, parsed and read as a table the way the
/// provisioning report is. What parses must survive being written back with `CSV.line`
/// (canvas-sim's writer) and parsed again.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let records = try? CSV.parse(bytes) else { return 0 }
    let table = CSVTable(records: records)
    for row in table.rows {
        for header in table.headers { _ = table.value(row, header) }
    }
    let written = records.map { CSV.line($0.fields) }.joined()
    guard let again = try? CSV.parse(Array(written.utf8)) else { preconditionFailure("a written CSV does not parse") }
    precondition(again.map(\.fields) == records.map(\.fields), "a written CSV parses differently")
    return 0
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) })

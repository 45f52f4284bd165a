import BulkFiles
import CFuzzer
import Glibc

/// One input is a provisioning report download, read as easel reads it: a zip of CSVs, each
/// entry parsed as a CSV table. The inflation cap is smaller than production's 1 GiB so a
/// run stays within libFuzzer's memory limit.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard ZipReader.looksLikeZip(bytes), let entries = try? ZipReader.read(bytes, limit: 64 << 20) else { return 0 }
    for entry in entries {
        guard let records = try? CSV.parse(entry.data) else { continue }
        _ = CSVTable(records: records)
    }
    return 0
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) })

import CFuzzer
import EaselCore
import EaselYAML
import Glibc

/// One input is one config file's bytes, loaded (UTF-8 check, YAML, decoding, classes
/// expansion, validation) and its diagnostics rendered, as `easel validate` does. A config
/// comes back exactly when no error does.
func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let loaded = ConfigLoader.load(contents: [("fuzz.yaml", bytes)])
    precondition((loaded.config == nil) == loaded.diagnostics.hasErrors, "a config and its errors disagree")
    _ = loaded.renderer.renderAll(loaded.diagnostics)
    return 0
}

var argc = CommandLine.argc
var argv = Optional(CommandLine.unsafeArgv)
exit(LLVMFuzzerRunDriver(&argc, &argv) { fuzzOne($0, $1) })

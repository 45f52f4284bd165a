import EaselCLI

#if canImport(Glibc)
import Glibc
#endif

// A closed pipe (`easel render | head`) must end the write, not the process.
signal(SIGPIPE, SIG_IGN)
let code = await EaselCommand.run(Array(CommandLine.arguments.dropFirst()))
exit(code)

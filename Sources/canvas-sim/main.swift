import Foundation

// A peer that hangs up mid-response must not kill the server.
signal(SIGPIPE, SIG_IGN)
await CanvasSimCommand.main()

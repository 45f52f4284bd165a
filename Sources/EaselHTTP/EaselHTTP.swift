// EaselHTTP

// EaselCLI

import EaselCLI

// EaselCore

//go:build unix && !linux

package lambdart

// fionread is FIONREAD on macOS and the BSDs.
const fionread = 0x4004667f

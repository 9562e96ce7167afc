// Package redline writes a contract back as a tracked-changes DOCX with comments. It
// arrives with the redline issue; this package holds its place in the layout.
package redline

// Package redline writes a reviewed contract back as its own DOCX with the
// playbook's fallback edits as Word tracked changes (a word-level w:del/w:ins
// inside the clause's existing runs) and a Word comment on every clause a
// fallback or an escalation concerns.
//
// DOCX is the entry point: it takes the document model (extract.Document,
// whose Source is the original package) and the review report
// (playbook.Report), and returns the new package with a Result listing the
// edits written and those refused, with the reason, for the caller to
// escalate. Only the edited paragraphs of word/document.xml are
// re-serialised; every other zip entry is copied raw.
package redline

// Package extract reads DOCX, PDF and plain-text contracts into one document model:
// blocks of text in reading order, each anchored in its source, and the numbered
// clauses segmented over them.
package extract

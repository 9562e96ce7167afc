package extract

// segment fills doc.Clauses from doc.Blocks. (placeholder until the segmenter lands)
func segment(doc *Document) {
	doc.Clauses = nil
}

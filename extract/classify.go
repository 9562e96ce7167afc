package extract

// classify sets each clause's Types from its text. (first cut in progress)
func classify(doc *Document) {}

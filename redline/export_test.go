package redline

// Test helpers for the external test package (the corpus test, which goes
// through review and so cannot live in package redline).
var (
	CheckRedline = checkRedline
	PandocCheck  = pandocCheck
	PDFTexts     = loPDFTexts
	PDFHas       = loHas
	TestDate     = testDate
)

package extract

import (
	"os"
	"testing"
)

// TestMain lets the test binary act as the PDF helper process: Parse re-executes it
// with PDFHelperArg, as the clm binary re-executes itself.
func TestMain(m *testing.M) {
	PDFHelperMain()
	os.Exit(m.Run())
}

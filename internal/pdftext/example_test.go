package pdftext_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/clm-engine/clm/internal/pdftext"
)

func ExampleRead() {
	data, err := os.ReadFile("testdata/minimal.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res, err := pdftext.Read(context.Background(), data)
	if err != nil {
		log.Fatal(err)
	}
	// The running header and the page numbers are dropped; Line still
	// counts them.
	for _, p := range res.Paragraphs {
		fmt.Printf("page %d line %d: %s\n", p.Page, p.Line, p.Text)
	}
	// Output:
	// page 1 line 2: 1. First clause of the minimal document, with kerned words.
	// page 2 line 2: 2. Second clause of the minimal document, with kerned words.
}

func ExampleRead_errors() {
	_, err := pdftext.Read(context.Background(), []byte("not a PDF"))
	fmt.Println(errors.Is(err, pdftext.ErrCorrupt))
	// Output:
	// true
}

// Run parses untrusted files in a child process: here the program itself,
// whose main calls os.Exit(pdftext.Child(os.Stdin, os.Stdout)) when started
// as "prog __pdftext".
func ExampleRun() {
	exe, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	data, err := os.ReadFile("contract.pdf")
	if err != nil {
		log.Fatal(err)
	}
	res, err := pdftext.Run(context.Background(), []string{exe, "__pdftext"}, data,
		pdftext.Limits{Timeout: 30 * time.Second, Memory: 512 << 20})
	switch {
	case errors.Is(err, pdftext.ErrNoText):
		fmt.Println("scanned document: needs OCR")
	case errors.Is(err, pdftext.ErrTimeout), errors.Is(err, pdftext.ErrMemory):
		fmt.Println("rejected:", err)
	case err != nil:
		log.Fatal(err)
	default:
		fmt.Println(len(res.Paragraphs), "paragraphs")
	}
}

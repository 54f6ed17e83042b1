package corpus

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
)

//go:embed beibei-report.txt
var sample string

// SampleName is the source name of the embedded sample report.
const SampleName = "sample:beibei-report.txt"

// Sample returns the embedded sample report, an OCR'd newspaper page.
func Sample() *Document {
	d := NewDocument(sample)
	d.ID = SampleName
	d.Source = SampleName
	d.Format = "txt"
	sum := sha256.Sum256([]byte(sample))
	d.SHA256 = hex.EncodeToString(sum[:])
	return d
}

// SampleText returns the raw text of the embedded sample report.
func SampleText() string { return sample }

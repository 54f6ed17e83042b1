package segment

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// dump writes sentences and their tokens readably: a line per sentence
// with its span, paragraph and text, then a line per token.
func dump(text string, sents []Sentence) string {
	var b strings.Builder
	for _, s := range sents {
		fmt.Fprintf(&b, "%d:%d p%d %s\n", s.Start, s.End, s.Paragraph, text[s.Start:s.End])
		for _, t := range s.Tokens {
			fmt.Fprintf(&b, "\t%d:%d %s/%s\n", t.Start, t.End, t.Text, t.Pos)
		}
	}
	return b.String()
}

// TestGolden checks the sentences and tokens of testdata/sentences.txt,
// one paragraph a line, against testdata/sentences.golden. Run
// go test -run TestGolden -update to accept a change.
func TestGolden(t *testing.T) {
	const in, golden = "testdata/sentences.txt", "testdata/sentences.golden"
	b, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	got := dump(text, newTest(t).Sentences(text, lines(text)))
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		for i := range max(len(gl), len(wl)) {
			g, w := "", ""
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("%s differs from %s at line %d (run with -update to accept):\ngot  %s\nwant %s", in, golden, i+1, g, w)
			}
		}
	}
}

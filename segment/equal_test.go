package segment

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-ego/gse"

	"github.com/baogao/baogao/segment/internal/dictfile"
)

// TestDictUpToDate checks that the embedded compact dictionary is whole
// and was generated from the gse this program links. If gse was upgraded,
// run go generate ./segment.
func TestDictUpToDate(t *testing.T) {
	d, err := dictfile.Open(baseDict)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	if v := gseVersion(t); v != d.Gse {
		t.Errorf("dict/gse-zh.bgdict is from gse %s; go.mod requires gse %s: run go generate ./segment", d.Gse, v)
	}
}

// gseVersion returns the version of gse that the module's go.mod
// requires (a test binary's build information does not list modules).
func gseVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(b)) {
		f := strings.Fields(line)
		if i := slices.Index(f, dictfile.GsePath); i >= 0 && i+1 < len(f) {
			return f[i+1]
		}
	}
	t.Fatalf("go.mod does not require %s", dictfile.GsePath)
	return ""
}

// TestDictRegenerates checks that generating the compact dictionary again,
// as go generate does, gives the embedded file byte for byte.
func TestDictRegenerates(t *testing.T) {
	t.Parallel() // loads dictionaries: overlap with the other tests that do
	if testing.Short() || raceEnabled {
		t.Skip("loads gse's dictionary: slow with -short or -race")
	}
	seg, err := dictfile.Base()
	if err != nil {
		t.Fatal(err)
	}
	es, err := dictfile.Entries(seg)
	if err == nil {
		es, err = dictfile.Sorted(es)
	}
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := dictfile.Write(&buf, dictfile.Header{Gse: gseVersion(t)}, es); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), baseDict) {
		t.Errorf("dict/gse-zh.bgdict is out of date (%d bytes; regenerated %d): run go generate ./segment", len(baseDict), buf.Len())
	}
}

// texts returns the texts the tests compare cuts on: each testdata file
// whole, each of its lines, and some odd strings.
func texts(t testing.TB) []string {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b), strings.ReplaceAll(string(b), "\n", ""))
		out = append(out, strings.Split(string(b), "\n")...)
	}
	return append(out, oddTexts...)
}

var oddTexts = []string{
	"", " ", "\x00", "\x01", "\x01\x01北碚\x01", "\x00中国\x00人", "ABC北碚DEF", "abcABC",
	"\xff\xfe中国", "中\xe4国", "重庆\u00e9t\u00c9北碚", "Ⅻ１２３ⅳ", "a\tb\nc\r\nd",
	strings.Repeat("北碚区", 100), strings.Repeat("1", 300),
}

// cut returns gse's segments of text as "start:end word/pos" lines.
func cut(g *gse.Segmenter, text string) string {
	var b strings.Builder
	for _, s := range g.Segment([]byte(text)) {
		fmt.Fprintf(&b, "%d:%d %s/%s\n", s.Start(), s.End(), s.Token().Text(), s.Token().Pos())
	}
	return b.String()
}

// TestFullMatchesReference checks that the dictionary the full path builds
// from the embedded one is gse's dictionary loaded the reference way
// (domain dictionary, then LoadDictEmbed): same words, frequencies, tags
// and total, and so the same cuts.
func TestFullMatchesReference(t *testing.T) {
	t.Parallel() // loads dictionaries: overlap with the other tests that do
	ref := reference(t)
	full := loaded(t).full.Load()

	type entry struct {
		freq float64
		pos  string
	}
	want := make(map[string]entry, ref.Dict.NumTokens())
	for i := range ref.Dict.Tokens {
		tok := &ref.Dict.Tokens[i]
		want[tok.Text()] = entry{tok.Freq(), tok.Pos()}
	}
	if n, m := full.Dict.NumTokens(), ref.Dict.NumTokens(); n != m {
		t.Errorf("got %d words; want %d", n, m)
	}
	if f, g := full.Dict.TotalFreq(), ref.Dict.TotalFreq(); f != g {
		t.Errorf("got total frequency %v; want %v", f, g)
	}
	bad := 0
	for i := range full.Dict.Tokens {
		tok := &full.Dict.Tokens[i]
		if w, ok := want[tok.Text()]; !ok || w != (entry{tok.Freq(), tok.Pos()}) {
			if bad++; bad <= 10 {
				t.Errorf("word %q: got %v %q; want %+v (present: %v)", tok.Text(), tok.Freq(), tok.Pos(), w, ok)
			}
		}
	}
	for _, text := range texts(t) {
		if got, want := cut(full, text), cut(ref, text); got != want {
			t.Errorf("cut of %.40q:\ngot  %.300s\nwant %.300s", text, got, want)
		}
	}
}

// TestLazyMatchesFull checks that a dictionary of the words of a text
// cuts it as the full dictionary does, in gse and through Sentences.
func TestLazyMatchesFull(t *testing.T) {
	s := loaded(t)
	full := s.full.Load()
	for _, text := range texts(t) {
		sp := []Span{{0, len(text)}}
		if got, want := cut(s.lex.subset(text, sp), text), cut(full, text); got != want {
			t.Errorf("cut of %.40q:\ngot  %.300s\nwant %.300s", text, got, want)
		}
	}

	lazy := newTest(t)
	text, paras := sample(t)
	if got, want := dump(text, lazy.Sentences(text, paras)), dump(text, s.Sentences(text, paras)); got != want {
		t.Errorf("Sentences of the sample differ:\ngot  %.500s\nwant %.500s", got, want)
	}
	if lazy.Loaded() {
		t.Errorf("a segmenter that cut %d bytes loaded its full dictionary; want it to wait for %d", len(text), LazyLimit)
	}
}

// FuzzLazyMatchesFull checks, on any text, that the per-text dictionary
// gives the full dictionary's tokens, and that tokens are in order, within
// the text and not white space.
func FuzzLazyMatchesFull(f *testing.F) {
	for _, s := range append(oddTexts, "2019年实现利润36.83亿元，同比增长15%", "重慶市北碚區", "1,234.5", "５Ｇ") {
		f.Add(s)
	}
	s := loaded(f)
	full := s.full.Load()
	f.Fuzz(func(t *testing.T, text string) {
		sp := Span{0, len(text)}
		lazy := s.lex.subset(text, []Span{sp})
		c := cutter{chunk: 16}
		got, want := c.cut(lazy, text, sp), c.cut(full, text, sp)
		if words(got) != words(want) {
			t.Fatalf("Tokens(%q):\ngot  %s\nwant %s", text, words(got), words(want))
		}
		end := 0
		for _, tok := range got {
			if tok.Start < end || tok.End <= tok.Start || tok.End > len(text) || text[tok.Start:tok.End] != tok.Text || isSpace(tok.Text) {
				t.Fatalf("Tokens(%q): bad token %+v after offset %d", text, tok, end)
			}
			end = tok.End
		}
	})
}

package segment

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

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

// cutGse returns gse's segments of text as "start:end word/pos" lines.
func cutGse(g *gse.Segmenter, text string) string {
	var b strings.Builder
	for _, s := range g.Segment([]byte(text)) {
		fmt.Fprintf(&b, "%d:%d %s/%s\n", s.Start(), s.End(), text[s.Start():s.End()], s.Token().Pos())
	}
	return b.String()
}

// cutIndex returns the segments ix makes of text, white space included,
// as cutGse does.
func cutIndex(ix *index, text string) string {
	var b strings.Builder
	for _, t := range ix.cut(&scratch{}, text, Span{0, len(text)}) {
		fmt.Fprintf(&b, "%d:%d %s/%s\n", t.Start, t.End, text[t.Start:t.End], t.Pos)
	}
	return b.String()
}

// tokensRef is cutter.cut done the plain way: gse's segments of text,
// less those that are one white space character, with numbers joined.
func tokensRef(ix *index, text string) []Token {
	var out []Token
	for _, t := range ix.cut(&scratch{}, text, Span{0, len(text)}) {
		w := text[t.Start:t.End]
		if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsSpace(r) {
			continue
		}
		t.Text = w
		out = append(out, t)
	}
	return out[:joinNumbers(text, out, 0)]
}

// checkTokens checks that a cutter gives the tokens of tokensRef.
func checkTokens(t *testing.T, ix *index, text string) {
	t.Helper()
	c := cutter{chunk: 16}
	got := c.cut(ix, text, Span{0, len(text)})
	if want := tokensRef(ix, text); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("tokens of %.40q:\ngot  %.300v\nwant %.300v", text, got, want)
	}
}

// TestTokensMatchRef checks cutter.cut against tokensRef.
func TestTokensMatchRef(t *testing.T) {
	s := loaded(t)
	full := s.full.Load()
	for _, text := range append(texts(t), wordSalad(s.lex, 300)...) {
		checkTokens(t, full, text)
	}
}

// TestWordEnds checks that wordEnds splits texts into gse's words, and
// that index.words agrees.
func TestWordEnds(t *testing.T) {
	full := loaded(t).full.Load()
	for _, text := range texts(t) {
		checkWordEnds(t, text)
		checkWords(t, full, text)
	}
}

func checkWordEnds(t *testing.T, text string) {
	t.Helper()
	var want []int
	end := 0
	for _, w := range gse.SplitWords([]byte(text)) {
		end += len(w)
		want = append(want, end)
	}
	if got := wordEnds(nil, text); !slices.Equal(got, want) {
		t.Errorf("wordEnds(%.40q):\ngot  %v\nwant %v", text, got, want)
	}
}

// checkWords checks that ix.words finds the words wordEnds does, with
// the symbols ix.symbol gives them.
func checkWords(t *testing.T, ix *index, text string) {
	t.Helper()
	var c scratch
	ix.words(&c, text)
	ends := wordEnds(nil, text)
	var syms []uint32
	prev := 0
	for _, end := range ends {
		syms = append(syms, ix.symbol(lowerASCII(nil, text[prev:end])))
		prev = end
	}
	gotEnds := make([]int, len(c.ends))
	for i, e := range c.ends {
		gotEnds[i] = int(e)
	}
	if !slices.Equal(gotEnds, ends) || !slices.Equal(c.syms, syms) {
		t.Errorf("words(%.40q):\ngot  %v %v\nwant %v %v", text, gotEnds, c.syms, ends, syms)
	}
	var marks, digits, spaces []int32
	prev = 0
	for k, end := range ends {
		if isMark(syms[k]) {
			marks = append(marks, int32(k))
		}
		if r, n := utf8.DecodeRuneInString(text[prev:end]); n == end-prev && unicode.IsSpace(r) {
			spaces = append(spaces, int32(k))
		}
		if r, _ := utf8.DecodeRuneInString(text[prev:end]); unicode.IsDigit(r) {
			digits = append(digits, int32(prev))
		}
		prev = end
	}
	if !slices.Equal(c.marks, marks) || !slices.Equal(c.digits, digits) || !slices.Equal(c.spaces, spaces) {
		t.Errorf("words(%.40q): got marks %v, digits %v, spaces %v; want %v, %v, %v", text, c.marks, c.digits, c.spaces, marks, digits, spaces)
	}
}

// TestIndexMatchesReference checks the full index against gse loaded the
// reference way (domain dictionary, then LoadDictEmbed): the same words,
// distances and tags, and so the same cuts.
func TestIndexMatchesReference(t *testing.T) {
	t.Parallel() // loads dictionaries: overlap with the other tests that do
	ref := reference(t)
	s := loaded(t)
	full := s.full.Load()

	if got, want := float64(s.lex.total), ref.Dict.TotalFreq(); got != want {
		t.Errorf("got total frequency %v; want %v", got, want)
	}
	logTotal := float32(math.Log2(ref.Dict.TotalFreq()))
	bad := 0
	for i := range ref.Dict.Tokens {
		tok := &ref.Dict.Tokens[i]
		e, ok := full.lookup([]byte(tok.Text()))
		want := logTotal - float32(math.Log2(tok.Freq()))
		if !ok || !e.word() || e.dist() != want || full.tags.names[e.tag()] != tok.Pos() {
			if bad++; bad <= 10 {
				t.Errorf("word %q: got %+v (present %v); want distance %v, tag %s", tok.Text(), e, ok, want, tok.Pos())
			}
		}
	}
	words := 0
	for _, sl := range full.m {
		if sl.e.word() {
			words++
		}
	}
	for _, e := range full.bmp {
		if e.word() {
			words++
		}
	}
	if words != ref.Dict.NumTokens() {
		t.Errorf("got %d words; want %d", words, ref.Dict.NumTokens())
	}
	for _, text := range append(texts(t), wordSalad(s.lex, 300)...) {
		if got, want := cutIndex(full, text), cutGse(ref, text); got != want {
			t.Errorf("cut of %.40q:\ngot  %.300s\nwant %.300s", text, got, want)
		}
	}
}

// wordSalad returns n texts of random dictionary words, pieces of them,
// digits and punctuation run together, where gse has many ways to cut.
func wordSalad(lex *lexicon, n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for range 5 + rng.IntN(20) {
			w := lex.base.Entry(rng.IntN(lex.base.Len())).Key
			switch rng.IntN(6) {
			case 0:
				w = lex.domain[rng.IntN(len(lex.domain))].Key
			case 1: // a piece of a word
				r := []rune(w)
				w = string(r[rng.IntN(len(r)):])
			case 2:
				w = []string{"，", "。", "36.83", "1,234", " ", "Ab", "、", "（", "）"}[rng.IntN(9)]
			}
			b.WriteString(w)
		}
		out[i] = b.String()
	}
	return out
}

// TestLazyMatchesFull checks that the index of the words of a text cuts
// it as the full index does, and so do Sentences before and after Load.
func TestLazyMatchesFull(t *testing.T) {
	s := loaded(t)
	full := s.full.Load()
	for _, text := range append(texts(t), wordSalad(s.lex, 300)...) {
		if got, want := cutIndex(s.lex.subset(text, []Span{{0, len(text)}}), text), cutIndex(full, text); got != want {
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

// FuzzMatchesGse checks, on any text, that the full index and the index of
// the text's words cut it as gse does (without -race, where loading gse
// takes too long), and that wordEnds finds gse's words.
func FuzzMatchesGse(f *testing.F) {
	for _, s := range append(oddTexts, "2019年实现利润36.83亿元，同比增长15%", "重慶市北碚區", "1,234.5", "５Ｇ", "Ａ²ªβ") {
		f.Add(s)
	}
	s := loaded(f)
	full := s.full.Load()
	var ref *gse.Segmenter
	if !raceEnabled {
		ref = reference(f)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkWordEnds(t, text)
		checkWords(t, full, text)
		checkTokens(t, full, text)
		got := cutIndex(full, text)
		if lazy := cutIndex(s.lex.subset(text, []Span{{0, len(text)}}), text); lazy != got {
			t.Fatalf("cut of %q:\nlazy %s\nfull %s", text, lazy, got)
		}
		if ref != nil {
			if want := cutGse(ref, text); got != want {
				t.Fatalf("cut of %q:\ngot  %s\nwant %s", text, got, want)
			}
		}
	})
}

package segment

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		paragraphs []Span // nil: the whole text
		want       []string
	}{
		{"two ends", "北碚区发展很快。绵阳也是！",
			nil, []string{"0:24 北碚区发展很快。", "24:39 绵阳也是！"}},
		{"closing quote", "他说：“好。”然后走了。",
			nil, []string{"0:21 他说：“好。”", "21:36 然后走了。"}},
		{"ends run together", "真的吗？！是的",
			nil, []string{"0:15 真的吗？！", "15:21 是的"}},
		{"numbers", "利润36.83亿元；增长5.1%。",
			nil, []string{"0:20 利润36.83亿元；", "20:33 增长5.1%。"}},
		{"title", "签订了《合作框架协议；附件》。下一句",
			nil, []string{"0:45 签订了《合作框架协议；附件》。", "45:54 下一句"}},
		{"nested title", "《关于《规划。》的通知》。完",
			nil, []string{"0:39 《关于《规划。》的通知》。", "39:42 完"}},
		{"unclosed title", "《标题。后面",
			nil, []string{"0:12 《标题。", "12:18 后面"}},
		{"ideographic spaces trimmed", "　　北碚。 \t",
			nil, []string{"6:15 北碚。"}},
		{"ascii", "Done! Next? See a.php?id=3;ok; 1;2",
			nil, []string{"0:5 Done!", "6:11 Next?", "12:30 See a.php?id=3;ok;", "31:34 1;2"}},
		{"paragraphs", "北碚。绵阳\n \n重庆",
			[]Span{{0, 15}, {16, 17}, {18, 24}}, []string{"0:9 北碚。", "9:15 绵阳", "18:24 重庆"}},
		{"no end", "北碚区", nil, []string{"0:9 北碚区"}},
		{"empty", "", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := tt.paragraphs
			if ps == nil {
				ps = []Span{{0, len(tt.text)}}
			}
			var got []string
			for _, p := range ps {
				for _, sp := range splitSentences(nil, tt.text, p) {
					got = append(got, fmt.Sprintf("%d:%d %s", sp.Start, sp.End, tt.text[sp.Start:sp.End]))
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("splitSentences(%q):\ngot  %q\nwant %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	s := newTest(t)
	text := "北碚。绵阳\n \n重庆市北碚区增长36.83%"
	got := s.Sentences(text, []Span{{0, 15}, {16, 17}, {18, len(text)}})
	want := []string{
		"0 0:9 北碚/ns 。/x",
		"0 9:15 绵阳/ns",
		"2 18:48 重庆市/ns 北碚区/ns 增长/v 36.83/m %/x",
	}
	if len(got) != len(want) {
		t.Fatalf("got %d sentences; want %d", len(got), len(want))
	}
	for i, sent := range got {
		if g := fmt.Sprintf("%d %d:%d %s", sent.Paragraph, sent.Start, sent.End, words(sent.Tokens)); g != want[i] {
			t.Errorf("sentence %d: got %s; want %s", i, g, want[i])
		}
		for _, tok := range sent.Tokens {
			if tok.Start < sent.Start || tok.End > sent.End || text[tok.Start:tok.End] != tok.Text {
				t.Errorf("sentence %d: token %+v out of its sentence or text", i, tok)
			}
		}
	}
	// Without paragraphs, line breaks do not end sentences.
	if got := s.Sentences(text, nil); len(got) != 2 || got[1].Start != 9 || got[1].Paragraph != 0 {
		t.Errorf("Sentences with nil paragraphs: got %+v; want 2 sentences in paragraph 0, the second from 9", got)
	}
}

func TestTokensNumbers(t *testing.T) {
	s := newTest(t)
	tests := []struct{ name, text, want string }{
		{"decimal", "达到36.83亿元", "0:6 达到/v|6:11 36.83/m|11:17 亿元/m"},
		{"thousands and decimal", "共1,234.5吨", "0:3 共/d|3:10 1,234.5/m|10:13 吨/zg"},
		{"integer", "12655户", "0:5 12655/m|5:8 户/q"},
		{"not a group", "第3,4项", "0:3 第/m|3:4 3/m|4:5 ,/x|5:6 4/m|6:9 项/zg"},
		{"dot at end", "共3.", "0:3 共/d|3:4 3/m|4:5 ./x"},
		{"date", "2019.12.31", "0:10 2019.12.31/m"},
		{"full width", "１２．５％", "0:12 １２．５/m|12:15 ％/x"},
		{"spaced", "36 . 83", "0:2 36/m|3:4 ./x|5:7 83/m"},
		{"letters", "5G基站", "0:2 5G/x|2:8 基站/n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, tok := range s.Tokens(tt.text) {
				got = append(got, fmt.Sprintf("%d:%d %s/%s", tok.Start, tok.End, tok.Text, tok.Pos))
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("Tokens(%q):\ngot  %s\nwant %s", tt.text, g, tt.want)
			}
		})
	}
}

// TestCharClasses checks the shortcuts of isSpaceSym, isDigit, isDigits
// and startsWithDigit against package unicode, for every character.
func TestCharClasses(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if !utf8.ValidRune(r) {
			continue
		}
		w := string(r)
		if got, want := isSpaceSym(uint32(r)), unicode.IsSpace(r); got != want {
			t.Errorf("isSpaceSym(%U) = %v; want %v", r, got, want)
		}
		if got, want := isDigit(r), unicode.IsDigit(r); got != want {
			t.Errorf("isDigit(%U) = %v; want %v", r, got, want)
		}
		if got, want := isDigits(w), unicode.IsDigit(r); got != want {
			t.Errorf("isDigits(%U) = %v; want %v", r, got, want)
		}
		if got, want := startsWithDigit(w+"x"), unicode.IsDigit(r); got != want {
			t.Errorf("startsWithDigit(%U) = %v; want %v", r, got, want)
		}
	}
}

// FuzzSentences checks, on any text cut into paragraphs at its line
// breaks, that sentences lie in order inside their paragraphs, trimmed,
// and that their tokens lie in order inside them.
func FuzzSentences(f *testing.F) {
	for _, s := range []string{"北碚。绵阳\n \n重庆", "《标题。后面", "Done! a.php?id=3;ok", "　“好。”\n36.83%；"} {
		f.Add(s)
	}
	s := newTest(f)
	f.Fuzz(func(t *testing.T, text string) {
		paras := lines(text)
		s.lazy.Store(0) // stay on per-text dictionaries
		end := 0
		for i, sent := range s.Sentences(text, paras) {
			p := paras[sent.Paragraph]
			w := text[sent.Start:sent.End]
			if sent.Start < end || sent.Start < p.Start || sent.End > p.End || sent.Start >= sent.End || strings.TrimSpace(w) != w {
				t.Fatalf("sentence %d %d:%d %q of paragraph %v after %d", i, sent.Start, sent.End, w, p, end)
			}
			end = sent.End
			te := sent.Start
			for _, tok := range sent.Tokens {
				if tok.Start < te || tok.End <= tok.Start || tok.End > sent.End || text[tok.Start:tok.End] != tok.Text {
					t.Fatalf("sentence %d %q: bad token %+v", i, w, tok)
				}
				te = tok.End
			}
		}
	})
}

// TestSentencesIn checks that cutting texts one after another in the same
// Buffers, the long after the short and the short after the long, and one
// too long to keep, gives each text the sentences Sentences gives it.
func TestSentencesIn(t *testing.T) {
	s := loaded(t)
	text, paras := sample(t)
	short := "北碚区发展很快。绵阳也是！2019年实现利润36.83亿元。"
	repeat := func(n int) (string, []Span) {
		var ps []Span
		for k := range n {
			for _, p := range paras {
				ps = append(ps, Span{p.Start + k*len(text), p.End + k*len(text)})
			}
		}
		return strings.Repeat(text, n), ps
	}
	long, longParas := repeat(3)                        // more tokens than one array of the cutter holds
	huge, hugeParas := repeat(1 + buffersMax/len(text)) // too long to keep in b
	var b Buffers
	for _, c := range []struct {
		text  string
		paras []Span
	}{{short, nil}, {text, paras}, {long, longParas}, {short, nil}, {huge, hugeParas}, {"", nil}, {text, paras}} {
		got := fmt.Sprint(s.SentencesIn(&b, c.text, c.paras))
		if want := fmt.Sprint(s.Sentences(c.text, c.paras)); got != want {
			t.Errorf("%.20q: SentencesIn differs from Sentences:\n got %.300s\nwant %.300s", c.text, got, want)
		}
	}
}

// splitSentencesRef is splitSentences reading every character, as it did
// before it learned to step over those that cannot end a sentence.
func splitSentencesRef(out []Span, text string, p Span) []Span {
	start := p.Start
	for i := p.Start; i < p.End; {
		r, n := decodeRune(text[i:p.End])
		i += n
		if r == '《' {
			if end := titleEnd(text[i:p.End]); end >= 0 {
				i += end
			}
			continue
		}
		if !isEnd(r) || r < utf8.RuneSelf && i < p.End && isASCIIAlnum(text[i]) {
			continue
		}
		for i < p.End {
			r2, n2 := utf8.DecodeRuneInString(text[i:p.End])
			if !isCloser(r2) && !isEnd(r2) {
				break
			}
			i += n2
		}
		out = appendTrimmed(out, text, start, i)
		start = i
	}
	return appendTrimmed(out, text, start, p.End)
}

// FuzzSplitSentences checks splitSentences against splitSentencesRef on
// any bytes, broken UTF-8 and paragraphs that end inside a character
// included.
func FuzzSplitSentences(f *testing.F) {
	for _, s := range []string{"北碚。绵阳！重庆？", "《标题。后面》。完", "a.php?id=3;ok; 1;2", "\xe4!\xe3\x80。\xef\xbc", "𠀀。\xf0\x9f!"} {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			return
		}
		p := Span{start, end}
		want := splitSentencesRef(nil, text, p)
		if got := splitSentences(nil, text, p); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q in %v: got %v, want %v", text, p, got, want)
		}
	})
}

// FuzzAppendTrimmed checks appendTrimmed's shortcuts against trimming with
// package strings, on any bytes.
func FuzzAppendTrimmed(f *testing.F) {
	for _, s := range []string{" 北碚。 ", "\u3000“好”\u3000", "\xe4\x80 ", " \x80\x80", "a\u00a0", "\u2028x\u205f", "\xef\xbb\xbf"} {
		f.Add(s, 0, len(s))
	}
	f.Fuzz(func(t *testing.T, text string, st, en int) {
		if st < 0 || en > len(text) || st > en {
			return
		}
		w := text[st:en]
		l := strings.TrimLeftFunc(w, unicode.IsSpace)
		wst := st + len(w) - len(l)
		var want []Span
		if r := strings.TrimRightFunc(l, unicode.IsSpace); r != "" {
			want = []Span{{wst, wst + len(r)}}
		}
		if got := appendTrimmed(nil, text, st, en); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q [%d:%d]: got %v, want %v", text, st, en, got, want)
		}
	})
}

// FuzzSplitWords checks that splitWords, on the words index.words finds in
// a paragraph, finds the sentences splitSentences finds, on any bytes.
func FuzzSplitWords(f *testing.F) {
	for _, s := range []string{"北碚。绵阳！重庆？", "《标题。后面》。完", "a.php?id=3;ok; 1;2", "\xe4!\xe3\x80。\xef\xbc", "𠀀。\xf0\x9f!", " “好。”　《《a》。》\u3000;", "ab１２。34；\u00a0x"} {
		f.Add(s, 0, len(s))
	}
	ix := loaded(f).full.Load()
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		if start < 0 || end > len(text) || start > end {
			return
		}
		p := Span{start, end}
		want := splitSentences(nil, text, p)
		var c scratch
		ix.words(&c, text[start:end])
		var got []Span
		for _, w := range splitWords(nil, text[start:end], c.ends, c.syms, c.marks) {
			st := 0
			if w.from > 0 {
				st = int(c.ends[w.from-1])
			}
			got = append(got, Span{start + st, start + int(c.ends[w.to-1])})
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%q in %v: got %v, want %v", text, p, got, want)
		}
	})
}

// FuzzSentencesFull checks that Sentences with the full dictionary, which
// cuts each sentence from the words of its paragraph, gives the sentences
// splitSentences finds and the tokens Tokens finds in each, on any bytes.
func FuzzSentencesFull(f *testing.F) {
	for _, s := range []string{"北碚。绵阳\n \n重庆", "《标题。后面", "Done! a.php?id=3;ok", "　“好。”\n36.83%；", "2019年实现利润36.83亿元。１２３，４５６.７\n 1,234.5元；x2.5"} {
		f.Add(s)
	}
	s := loaded(f)
	f.Fuzz(func(t *testing.T, text string) {
		paras := lines(text)
		var want []string
		for pi, p := range paras {
			for _, sp := range splitSentences(nil, text, p) {
				want = append(want, fmt.Sprint(pi, sp, s.Tokens(text[sp.Start:sp.End])))
			}
		}
		var got []string
		for _, sent := range s.Sentences(text, paras) {
			toks := slices.Clone(sent.Tokens)
			for i := range toks {
				toks[i].Start -= sent.Start
				toks[i].End -= sent.Start
			}
			got = append(got, fmt.Sprint(sent.Paragraph, Span{sent.Start, sent.End}, toks))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q:\ngot  %q\nwant %q", text, got, want)
		}
	})
}

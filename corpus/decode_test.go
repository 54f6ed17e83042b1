package corpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

func readInput(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "inputs", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestDecodeTwins reads the same paragraph in every supported encoding;
// the twins are written by testdata/inputs/gen.go.
func TestDecodeTwins(t *testing.T) {
	tests := []struct {
		name, file, want, enc string
	}{
		{"utf-8", "para.txt", "para.txt", EncUTF8},
		{"utf-8 with BOM", "para.utf8-bom.txt", "para.txt", EncUTF8},
		{"gbk", "para.gbk.txt", "para.txt", EncGB18030},
		{"gb18030", "para.gb18030.txt", "para.txt", EncGB18030},
		{"utf-16le with BOM", "para.utf16le-bom.txt", "para.txt", EncUTF16LE},
		{"utf-16be with BOM", "para.utf16be-bom.txt", "para.txt", EncUTF16BE},
		{"utf-16le without BOM", "para.utf16le.txt", "para.txt", EncUTF16LE},
		{"utf-16be without BOM", "para.utf16be.txt", "para.txt", EncUTF16BE},
		{"traditional in big5", "para-hant.big5.txt", "para-hant.txt", EncBig5},
		{"traditional in gbk", "para-hant.gbk.txt", "para-hant.txt", EncGB18030},
		{"traditional in utf-16le, NULs on both sides", "para-hant.utf16le.txt", "para-hant.txt", EncUTF16LE},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := string(readInput(t, tt.want))
			got, enc, err := Decode(readInput(t, tt.file))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			if got != want {
				t.Errorf("got text %q; want %q", got, want)
			}
			if enc != tt.enc {
				t.Errorf("got encoding %s; want %s", enc, tt.enc)
			}
			var docs []*Document
			for d, err := range ReadBytes(tt.file, "txt", readInput(t, tt.file)) {
				if err != nil {
					t.Fatalf("ReadBytes: %v", err)
				}
				docs = append(docs, d)
			}
			if len(docs) != 1 || docs[0].Text != NewDocument(want).Text {
				t.Errorf("got %d documents; want 1 with the text of %s", len(docs), tt.want)
			}
		})
	}
}

func TestDecodeUTF16WithoutNUL(t *testing.T) {
	// No ASCII at all, so no NUL byte tells UTF-16 apart: the contest must.
	const text = "北碚区地区生产总值增长，居民收入稳步提高，就业形势总体稳定。"
	for _, tt := range []struct {
		name string
		e    unicode.Endianness
		enc  string
	}{
		{"little endian", unicode.LittleEndian, EncUTF16LE},
		{"big endian", unicode.BigEndian, EncUTF16BE},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := unicode.UTF16(tt.e, unicode.IgnoreBOM).NewEncoder().Bytes([]byte(text))
			if err != nil {
				t.Fatal(err)
			}
			if bytes.IndexByte(b, 0) >= 0 {
				t.Fatal("test text encodes with a NUL byte")
			}
			got, enc, err := Decode(b)
			if got != text || enc != tt.enc || err != nil {
				t.Errorf("got %q, %s, %v; want %q, %s, nil", got, enc, err, text, tt.enc)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	gbk := func(s string) []byte {
		b, _ := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		return b
	}
	tests := []struct {
		name string
		data []byte
		want error
	}{
		{"png", readInput(t, "binary.png"), ErrBinary},
		{"NULs in UTF-8", []byte("abc\x00def\x00\x00ghi"), ErrBinary},
		{"control characters", bytes.Repeat([]byte("\x01\x02\x03\x04abc"), 100), ErrBinary},
		{"high bytes", bytes.Repeat([]byte{0xFF, 0x80, 0xFE, 0x80}, 64), ErrEncoding},
		{"high bytes and DEL", bytes.Repeat([]byte{0xFF, 0x80, 0xFF, 0x7F}, 64), ErrBinary},
		{"latin-1", []byte("caf\xe9 cr\xe8me br\xfbl\xe9e \xe0 la fran\xe7aise"), ErrEncoding},
		{"one broken byte in GBK is kept", append(gbk("北碚区地区生产总值增长百分之六，居民收入稳步提高。"), 0xFF), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Decode(tt.data)
			if !errors.Is(err, tt.want) {
				t.Errorf("got error %v; want %v", err, tt.want)
			}
		})
	}
}

func TestLongLine(t *testing.T) {
	tests := []struct {
		name  string
		s     string
		limit int
		want  int
	}{
		{"empty", "", 3, -1},
		{"short lines", "ab\ncd\r\nef", 3, -1},
		{"exactly the limit", "abc\n", 3, -1},
		{"second line long", "ab\nabcd\n", 3, 3},
		{"last line long, no break", "ab\rabcd", 3, 3},
		{"short lines between carriage returns", "ab\rcd\r\nef\r", 3, -1},
		{"long line after CRLF", "ab\r\nabcd", 3, 4},
		{"long line between carriage returns", "ab\rabcd\ref\n", 3, 3},
		{"no break at all", "abcd", 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := longLine([]byte(tt.s), tt.limit); got != tt.want {
				t.Errorf("longLine(%q, %d) = %d; want %d", tt.s, tt.limit, got, tt.want)
			}
		})
	}
}

func BenchmarkDecodeGBK(b *testing.B) {
	// About 100 KiB of GBK: the sample report, re-encoded.
	data, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(SampleText()))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, enc, err := Decode(data); err != nil || enc != EncGB18030 {
			b.Fatalf("got %s, %v", enc, err)
		}
	}
}

// BenchmarkReadText measures the reading stage of a run for a text file:
// encoding detection and decoding, layout repair and the digest, from the
// file's bytes to a Document, on the sample as UTF-8 and as GBK.
func BenchmarkReadText(b *testing.B) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(SampleText()))
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		data []byte
	}{{"utf8", []byte(SampleText())}, {"gbk", gbk}} {
		b.Run(in.name, func(b *testing.B) {
			b.SetBytes(int64(len(in.data)))
			b.ReportAllocs()
			for b.Loop() {
				for d, err := range ReadBytes("bench.txt", "txt", in.data) {
					if err != nil || len(d.Paragraphs) == 0 {
						b.Fatalf("got %v, %v", d, err)
					}
				}
			}
		})
	}
}

// BenchmarkReadDigested measures the reading stage as a run's workers
// call it, with the digest given: decoding, layout repair and the Document,
// on the texts the bench corpus is made of (corpus/internal/benchcorpus).
func BenchmarkReadDigested(b *testing.B) {
	texts := [][]byte{[]byte(SampleText())}
	pages, err := filepath.Glob(filepath.Join(layoutDir, "*.txt"))
	if err != nil {
		b.Fatal(err)
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, data)
	}
	n := 0
	for _, data := range texts {
		n += len(data)
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range texts {
			for d, err := range ReadDigested("bench.txt", "txt", data, "sum") {
				if err != nil || len(d.Paragraphs) == 0 {
					b.Fatalf("got %v, %v", d, err)
				}
			}
		}
	}
}

// TestCountControls checks the one-pass count and validation against a
// range loop, on texts that straddle sniffLen too.
func TestCountControls(t *testing.T) {
	long := strings.Repeat("北碚", sniffLen/6) // ends 2 bytes short of sniffLen
	tests := []struct{ name, s string }{
		{"empty", ""},
		{"ascii", "abc\tdef\r\n"},
		{"controls", "\x01\x02a\x7f\x1a\x00"},
		{"chinese", "北碚区地区生产总值增长，“居民”收入。"},
		{"C1 controls and NEL", "a\u0085b\u0080\u009f\u00a0"},
		{"E0 and ED leads", "\u0800\u0fff\ud7ff\ue000"},
		{"four-byte", "𠀀😀a"},
		{"surrogate half", "a\xed\xa0\x80b"},
		{"overlong", "\xe0\x80\x80\xc0\xaf"},
		{"bad continuation", "中\xe4\xb8a\xe4"},
		{"stray bytes", "\x80\xbf\xff\xfe"},
		{"replacement character", "a\uFFFDb"},
		{"cut at the end", "中\xe4\xb8"},
		{"character across sniffLen", long + "中中\x01"},
		{"invalid after sniffLen", long + "中中\xff"},
		{"controls after sniffLen", long + "ab" + strings.Repeat("\x01", 100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := controls{valid: true}
			for i, r := range tt.s {
				if i >= sniffLen {
					break
				}
				_, size := utf8.DecodeRuneInString(tt.s[i:])
				if r == utf8.RuneError && size == 1 {
					want.valid = false
					break
				}
				want.n++
				if isControl(r) {
					want.ctl++
				}
				want.end = i + size
			}
			if got := countControls(tt.s); got != want {
				t.Errorf("countControls(string) = %+v; want %+v", got, want)
			}
			if got := countControls([]byte(tt.s)); got != want {
				t.Errorf("countControls([]byte) = %+v; want %+v", got, want)
			}
		})
	}
}

// plainRef is what plainUTF8 promises: valid UTF-8 without a control
// character.
func plainRef(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if isControl(r) {
			return false
		}
	}
	return true
}

// TestPlainUTF8 checks plainUTF8 against plainRef, and that Chinese text
// takes the fast path, which the results of Decode alone would not show.
func TestPlainUTF8(t *testing.T) {
	long := strings.Repeat("北碚区地区生产总值增长６．２％，", 40)
	tests := []struct {
		name string
		s    string
		fast bool // plainUTF8 says true
	}{
		{"empty", "", true},
		{"chinese", "北碚区2019年实现利润36.83亿元，“同比”增长15%。", true},
		{"white space and EOF mark", "a\tb\nc\vd\fe\r\nf\x1a中文", true},
		{"long", long + "\n" + long, true},
		{"two-byte", "café ü ß × 100", true},
		{"every length", "中文ab"[:7], true},
		{"NUL", "中文\x00中文", false},
		{"control", "中文中\x01", false},
		{"0x1F", "中文中文中文\x1f", false},
		{"DEL", "abc\x7f", false},
		{"C1 control", "中\u0085文", false},
		{"C2 without control", "马克·吐温", false},
		{"four-byte", "增长😀了", false},
		{"E0 lead", "ठ中文", false},
		{"ED lead", "한국", false},
		{"surrogate half", "a\xed\xa0\x80b", false},
		{"overlong", "\xc0\xaf中文", false},
		{"stray continuation", "中文\x80中文", false},
		{"missing continuation", "中\xe4\xb8a", false},
		{"cut at the end", "中文中\xe4\xb8", false},
		{"cut across a word", "abcdef\xe4\xb8", false},
		{"invalid byte", "中文\xff", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := plainUTF8([]byte(tt.s))
			if got && !plainRef(tt.s) {
				t.Fatalf("plainUTF8(%q) = true; it is not plain", tt.s)
			}
			if got != tt.fast {
				t.Errorf("plainUTF8(%q) = %v; want %v", tt.s, got, tt.fast)
			}
		})
	}
}

// TestPlainUTF8ASCII puts every ASCII byte in every lane of a word, some
// inside a character: only control characters and broken characters fail.
func TestPlainUTF8ASCII(t *testing.T) {
	for c := range byte(utf8.RuneSelf) {
		for at := range 8 {
			s := []byte("ab中文de中文")
			s = append(s[:at:at], append([]byte{c}, s[at:]...)...)
			if got, want := plainUTF8(s), plainRef(string(s)); got != want {
				t.Errorf("plainUTF8(%q) = %v; want %v", s, got, want)
			}
		}
	}
}

// FuzzPlainUTF8 checks that plainUTF8 says true only for valid UTF-8
// without a control character, and then for all such text made of one-,
// two- and three-byte characters it can check by bit structure.
func FuzzPlainUTF8(f *testing.F) {
	for _, s := range []string{"", "北碚区2019年\n", "a\tb\r\n\x1a", "中\x01", "café", "😀", "\xed\xa0\x80", "中\xe4\xb8"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		got, want := plainUTF8(b), plainRef(string(b))
		if got && !want {
			t.Fatalf("plainUTF8(%q) = true; it is not plain", b)
		}
		if want && !got && !slowLead(b) {
			t.Fatalf("plainUTF8(%q) = false for plain text", b)
		}
	})
}

// slowLead reports a lead byte that plainUTF8 leaves to countControls.
func slowLead(b []byte) bool {
	for _, c := range b {
		switch {
		case c == 0xC0, c == 0xC1, c == 0xC2, c == 0xE0, c == 0xED, c >= 0xF0:
			return true
		}
	}
	return false
}

package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// tree writes files (path → content) under a new temporary folder.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestFind(t *testing.T) {
	root := tree(t, map[string]string{
		"a.txt":              "甲",
		"b.HTML":             "<p>乙</p>",
		"c.jsonl":            `{"text":"丙"}`,
		"notes.md":           "# 不要",
		"img/logo.png":       "\x89PNG",
		"2026/01/d.htm":      "<p>丁</p>",
		"2026/01/e.text":     "戊",
		"2026/02/f.txt":      "己",
		"2026/02/g.docx":     "PK",
		".git/config":        "[core]",
		".hidden.txt":        "隐藏",
		"other/readme.rst":   "不要",
		"other/data.unknown": "庚",
	})
	j := func(p string) string { return filepath.Join(root, filepath.FromSlash(p)) }
	tests := []struct {
		name    string
		args    []string
		want    []string // paths relative to root, "-" for stdin
		formats []string
		skipped int
		errs    []string // the Source of each error
	}{
		{
			name:    "folder, recursive",
			args:    []string{root},
			want:    []string{"2026/01/d.htm", "2026/01/e.text", "2026/02/f.txt", "a.txt", "b.HTML", "c.jsonl"},
			formats: []string{"html", "txt", "txt", "txt", "html", "jsonl"},
			skipped: 5,
		},
		{
			name:    "explicit file with unknown extension reads as text",
			args:    []string{j("other/data.unknown"), j("c.jsonl")},
			want:    []string{"c.jsonl", "other/data.unknown"},
			formats: []string{"jsonl", "txt"},
		},
		{
			name:    "glob",
			args:    []string{j("2026/*/*.t*")},
			want:    []string{"2026/01/e.text", "2026/02/f.txt"},
			formats: []string{"txt", "txt"},
		},
		{
			name:    "glob over folders walks them",
			args:    []string{j("2026/0*")},
			want:    []string{"2026/01/d.htm", "2026/01/e.text", "2026/02/f.txt"},
			formats: []string{"html", "txt", "txt"},
			skipped: 1,
		},
		{
			name:    "double star",
			args:    []string{j("**/*.txt")},
			want:    []string{"2026/02/f.txt", "a.txt"},
			formats: []string{"txt", "txt"},
		},
		{
			name:    "stdin, duplicates and errors",
			args:    []string{"-", j("a.txt"), root + "/./a.txt", j("missing.txt"), j("[bad"), j("*.nothing")},
			want:    []string{"-", "a.txt"},
			formats: []string{"", "txt"},
			errs:    []string{j("missing.txt"), j("[bad"), j("*.nothing")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inputs, skipped, errs := Find(tt.args)
			var got, formats []string
			for _, in := range inputs {
				p := in.Path
				if p != "-" {
					rel, err := filepath.Rel(root, p)
					if err != nil {
						t.Fatal(err)
					}
					p = filepath.ToSlash(rel)
					if in.Size <= 0 {
						t.Errorf("%s: got size %d; want > 0", p, in.Size)
					}
				} else if in.Size != -1 {
					t.Errorf("stdin: got size %d; want -1", in.Size)
				}
				got = append(got, p)
				formats = append(formats, in.Format)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got inputs %q; want %q", got, tt.want)
			}
			if !slices.Equal(formats, tt.formats) {
				t.Errorf("got formats %q; want %q", formats, tt.formats)
			}
			if skipped != tt.skipped {
				t.Errorf("got skipped %d; want %d", skipped, tt.skipped)
			}
			var srcs []string
			for _, err := range errs {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("got error %T; want *InputError", err)
				}
				srcs = append(srcs, ie.Source)
			}
			if !slices.Equal(srcs, tt.errs) {
				t.Errorf("got errors %v; want sources %q", errs, tt.errs)
			}
		})
	}
}

func TestReadErrors(t *testing.T) {
	dir := t.TempDir()
	long := filepath.Join(dir, "long.txt")
	f, err := os.Create(long)
	if err != nil {
		t.Fatal(err)
	}
	// 50 MB without a line break, written in chunks.
	chunk := bytes.Repeat([]byte("统计"), 1<<16)
	for n := 0; n < 50<<20; n += len(chunk) {
		if _, err := f.Write(chunk); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   Input
		want error
	}{
		{"binary", Input{Path: "testdata/inputs/binary.png", Format: "txt"}, ErrBinary},
		{"empty", Input{Path: "testdata/inputs/empty.txt", Format: "txt"}, ErrEmpty},
		{"white space only", Input{Path: "testdata/inputs/blank.txt", Format: "txt"}, ErrEmpty},
		{"50 MB on one line", Input{Path: long, Format: "txt"}, ErrTooLong},
		{"missing", Input{Path: filepath.Join(dir, "gone.txt"), Format: "txt"}, fs.ErrNotExist},
		{"missing jsonl", Input{Path: filepath.Join(dir, "gone.jsonl"), Format: "jsonl"}, fs.ErrNotExist},
		{"a folder", Input{Path: dir, Format: "txt"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for d, err := range Read(tt.in) {
				n++
				if d != nil || err == nil {
					t.Fatalf("got document %v, error %v; want an error", d, err)
				}
				var ie *InputError
				if !errors.As(err, &ie) || ie.Source != tt.in.Path {
					t.Errorf("got error %v; want an *InputError naming %s", err, tt.in.Path)
				}
				if tt.want != nil && !errors.Is(err, tt.want) {
					t.Errorf("got error %v; want %v", err, tt.want)
				}
			}
			if n != 1 {
				t.Errorf("got %d results; want 1 error", n)
			}
		})
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name, in, format string
		docs             int
	}{
		{"text", "全年增长5.8%。\n", "txt", 1},
		{"html", "  <html><body><p>全年增长5.8%。</p></body></html>", "html", 1},
		{"jsonl", "{\"text\": \"甲。\"}\n\n{\"text\": \"乙。\"}\n", "jsonl", 2},
		{"json-like text", "{\"text\": \"甲。\"}\n不是JSON\n", "txt", 1},
	}
	old := Stdin
	t.Cleanup(func() { Stdin = old })
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			Stdin = strings.NewReader(tt.in)
			n := 0
			for d, err := range Read(Input{Path: "-", Size: -1}) {
				if err != nil {
					t.Fatal(err)
				}
				n++
				if d.Format != tt.format || d.Source != "-" {
					t.Errorf("got format %q, source %q; want %q, -", d.Format, d.Source, tt.format)
				}
			}
			if n != tt.docs {
				t.Errorf("got %d documents; want %d", n, tt.docs)
			}
		})
	}
}

// TestReadDigested checks that a digest the caller took stands in for the
// one ReadBytes takes, and that everything else is the same.
func TestReadDigested(t *testing.T) {
	data := []byte("北碚区地区生产总值增长６．２％。\n")
	tests := []struct{ name, format, sum, want string }{
		{"txt, digest given", "txt", "given", "given"},
		{"html, digest given", "html", "given", "given"},
		{"txt, no digest", "txt", "", ""}, // want: the digest ReadBytes takes
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := data
			if tt.format == "html" {
				in = []byte("<html><body><p>" + strings.TrimSpace(string(data)) + "</p></body></html>")
			}
			var want *Document
			for d, err := range ReadBytes("a", tt.format, in) {
				if err != nil {
					t.Fatal(err)
				}
				want = d
			}
			if tt.sum == "" {
				tt.want = want.SHA256
			}
			for d, err := range ReadDigested("a", tt.format, in, tt.sum) {
				if err != nil {
					t.Fatal(err)
				}
				if d.SHA256 != tt.want {
					t.Errorf("got SHA256 %q; want %q", d.SHA256, tt.want)
				}
				d.SHA256 = want.SHA256
				if d.Text != want.Text || d.Raw != want.Raw || !slices.Equal(d.Paragraphs, want.Paragraphs) || d.ID != want.ID || d.Format != want.Format {
					t.Errorf("got %+v; want %+v", d, want)
				}
			}
		})
	}
}

func TestInputError(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"no line", &InputError{Source: "a.txt", Err: ErrBinary}, "a.txt: binary data, not text"},
		{"line", &InputError{Source: "c.jsonl", Line: 3, Err: ErrJSON}, "c.jsonl:3: bad JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
			if !errors.Is(tt.err, tt.err.Err) {
				t.Errorf("errors.Is(err, %v) = false; want true", tt.err.Err)
			}
		})
	}
}

// readTextRef is readText as it was before repairClean: decode, check,
// repair.
func readTextRef(data []byte) (*Document, error) {
	if off := longLine(data, MaxLine*2); off >= 0 {
		return nil, fmt.Errorf("%w: line at byte %d runs over %d MiB", ErrTooLong, off, MaxLine>>20)
	}
	text, _, err := Decode(data)
	if err != nil {
		return nil, err
	}
	if err := checkText(text); err != nil {
		return nil, err
	}
	return NewDocument(text), nil
}

// checkReadText checks readText, which repairs text before it knows that
// Decode would leave it unchanged, against readTextRef.
func checkReadText(t *testing.T, data []byte) {
	t.Helper()
	got, err := readText(data)
	want, wantErr := readTextRef(data)
	switch {
	case wantErr != nil:
		if err == nil || err.Error() != wantErr.Error() {
			t.Fatalf("readText(%q): got error %v; want %v", data, err, wantErr)
		}
	case err != nil:
		t.Fatalf("readText(%q): got error %v; want none", data, err)
	case got.Raw != want.Raw || got.Text != want.Text || !slices.Equal(got.Paragraphs, want.Paragraphs) ||
		!slices.Equal(got.offsets.runs, want.offsets.runs):
		t.Errorf("readText(%q) = %+v; want %+v", data, got, want)
	}
}

func TestReadText(t *testing.T) {
	gbk, err := os.ReadFile(filepath.Join("testdata", "inputs", "para.gbk.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
	}{
		{"empty", ""},
		{"blank", " \n\u3000\r\n"},
		{"BOM only", "\uFEFF"},
		{"sample", SampleText()},
		{"BOM", "\uFEFF北碚区\n增长。"},
		{"two BOMs", "\uFEFF\uFEFF北碚区"},
		{"GBK", string(gbk)},
		{"UTF-16LE with BOM", "\xff\xfe\x17S\xa2\x78"},
		{"UTF-16LE", "a\x00b\x00c\x00"},
		{"NUL", "中文\x00中文"},
		{"few controls", strings.Repeat("北碚区增长。", 20) + "\x01"},
		{"mostly controls", "\x01\x02\x03\x04a"},
		{"U+FFFD", "中文\uFFFD中文"},
		{"one invalid byte", strings.Repeat("北碚区增长。", 20) + "\xff"},
		{"NEL", "中\u0085文"},
		{"vertical tab", "中文\v中文"},
		{"four-byte", "增长😀了"},
		{"BOM then invalid", "\uFEFF中文\xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkReadText(t, []byte(tt.data))
		})
	}
}

func FuzzReadText(f *testing.F) {
	for _, name := range []string{"para.txt", "para.gbk.txt", "para.utf16le.txt", "para.utf8-bom.txt", "para-hant.big5.txt", "binary.png"} {
		b, err := os.ReadFile(filepath.Join("testdata", "inputs", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(checkReadText)
}

// FuzzReadBytes checks every reader: it never panics, every error is an
// *InputError, and every document has valid UTF-8 text whose paragraphs
// and raw offsets lie within it.
func FuzzReadBytes(f *testing.F) {
	for _, name := range []string{"para.txt", "para.gbk.txt", "para.utf16le.txt", "para-hant.big5.txt",
		"page.gbk.html", "page5.html", "mixed.jsonl", "binary.png"} {
		b, err := os.ReadFile(filepath.Join("testdata", "inputs", name))
		if err != nil {
			f.Fatal(err)
		}
		for _, format := range []string{"txt", "html", "jsonl"} {
			f.Add(format, b)
		}
	}
	f.Fuzz(func(t *testing.T, format string, data []byte) {
		for d, err := range ReadBytes("fuzz", format, data) {
			if err != nil {
				var ie *InputError
				if !errors.As(err, &ie) {
					t.Fatalf("got error %T; want *InputError", err)
				}
				continue
			}
			if !utf8.ValidString(d.Text) {
				t.Fatalf("text is not valid UTF-8: %q", d.Text)
			}
			last := 0
			for _, p := range d.Paragraphs {
				if p.Start < last || p.End < p.Start || p.End > len(d.Text) {
					t.Fatalf("paragraph %+v out of order or bounds (text %d bytes)", p, len(d.Text))
				}
				last = p.End
				if rs, re := d.RawOffset(p.Start), d.RawEnd(p.End); rs < 0 || rs > re || re > len(d.Raw) {
					t.Fatalf("paragraph %+v maps to raw [%d, %d) of %d bytes", p, rs, re, len(d.Raw))
				}
			}
		}
	})
}

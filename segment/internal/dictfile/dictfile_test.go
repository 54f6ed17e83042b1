package dictfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func build(t *testing.T, keys ...string) *Dict {
	t.Helper()
	var es []Entry
	for i, k := range keys {
		es = append(es, Entry{Key: k, Freq: uint64(i + 1), Pos: []string{"n", "v", "ns"}[i%3]})
	}
	var buf bytes.Buffer
	if err := Write(&buf, Header{Gse: "v0.0.0"}, es); err != nil {
		t.Fatal(err)
	}
	d, err := Open(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestRoundTrip(t *testing.T) {
	// More than two blocks, with long shared prefixes.
	var keys []string
	for i := range 3*BlockSize + 5 {
		keys = append(keys, fmt.Sprintf("重庆%03d", i))
	}
	d := build(t, keys...)
	if d.Len() != len(keys) || d.Gse != "v0.0.0" {
		t.Fatalf("got %d words, gse %q; want %d, v0.0.0", d.Len(), d.Gse, len(keys))
	}
	var total uint64
	i := 0
	err := d.Each(func(k []byte, f uint64, pos string) {
		if string(k) != keys[i] || f != uint64(i+1) {
			t.Errorf("Each %d: got %s %d; want %s %d", i, k, f, keys[i], i+1)
		}
		total += f
		i++
	})
	if err != nil || i != len(keys) || total != d.Total {
		t.Fatalf("Each: got %d words, total %d, err %v; want %d, %d, nil", i, total, err, len(keys), d.Total)
	}
	for i, k := range keys {
		if e := d.Entry(i); e.Key != k || e.Pos != []string{"n", "v", "ns"}[i%3] {
			t.Errorf("Entry(%d): got %+v; want key %s", i, e, k)
		}
	}
}

func TestNarrow(t *testing.T) {
	// Padding first, so that ranges span blocks.
	var keys []string
	for i := range 2 * BlockSize {
		keys = append(keys, fmt.Sprintf("a%03d", i))
	}
	const p = 2 * BlockSize // index of 中
	keys = append(keys, "中", "中国", "中国人", "中国科学院", "中间", "北碚", "北碚区", "重庆", "重庆市")
	d := build(t, keys...)
	tests := []struct {
		name   string
		prefix string
		lo, hi int
		exact  bool
	}{
		{"word and prefix", "中国", p + 1, p + 4, true},
		{"one byte", "\xe4", p, p + 5, false},
		{"leaf", "中国科学院", p + 3, p + 4, true},
		{"prefix only", "中国科", p + 3, p + 4, false},
		{"absent", "上海", 0, 0, false},
		{"after all", "\xff", len(keys), len(keys), false},
		{"across blocks", "a0", 0, 2 * BlockSize, false},
		{"first", "a000", 0, 1, true},
		{"last", "重庆市", len(keys) - 1, len(keys), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lo, hi, exact := d.Narrow(0, d.Len(), []byte(tt.prefix))
			if lo == hi && tt.lo == tt.hi {
				lo, hi = tt.lo, tt.hi // where an empty range lies does not matter
			}
			if lo != tt.lo || hi != tt.hi || exact != tt.exact {
				t.Errorf("Narrow(%q): got [%d, %d) %v; want [%d, %d) %v", tt.prefix, lo, hi, exact, tt.lo, tt.hi, tt.exact)
			}
		})
	}
	// Narrowing step by step gives the same range as narrowing at once.
	lo, hi, _ := d.Narrow(0, d.Len(), []byte("中"))
	lo, hi, exact := d.Narrow(lo, hi, []byte("中国人"))
	if lo != p+2 || hi != p+3 || !exact {
		t.Errorf("Narrow in steps: got [%d, %d) %v; want [%d, %d) true", lo, hi, exact, p+2, p+3)
	}
}

func TestWriteRejects(t *testing.T) {
	for _, es := range [][]Entry{
		{{Key: "b", Freq: 1}, {Key: "a", Freq: 1}},
		{{Key: "a", Freq: 1}, {Key: "a", Freq: 2}},
		{{Key: "a", Freq: 0}},
		{{Key: "", Freq: 1}},
	} {
		if err := Write(&bytes.Buffer{}, Header{}, es); err == nil {
			t.Errorf("Write(%v): got nil error; want one", es)
		}
	}
}

func TestOpenRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Header{Gse: "v1"}, []Entry{{Key: "a", Freq: 3, Pos: "n"}, {Key: "ab", Freq: 4, Pos: "v"}}); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	for _, tt := range []struct{ name, data string }{
		{"empty", ""},
		{"magic", strings.Replace(good, "bgdict2", "bgdict9", 1)},
		{"header", strings.Replace(good, "words=2", "words=x", 1)},
		{"truncated", good[:len(good)-3]},
		{"total", strings.Replace(good, "total=7", "total=8", 1)},
		{"count", strings.Replace(good, "words=2", "words=3", 1)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Open([]byte(tt.data))
			if err == nil {
				err = d.Check()
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("got %v; want ErrFormat", err)
			}
		})
	}
}

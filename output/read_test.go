package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReadUpTo checks that readUpTo gives a file's bytes, or its first
// limit+1, whatever size it was told, and errors that name the file.
func TestReadUpTo(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("北碚区2019年GDP增长6.1%。\n"), 400) // 12 KB
	name := filepath.Join(dir, "report.txt")
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	n := int64(len(data))
	for _, c := range []struct {
		name        string
		file        string
		size, limit int64
		want        []byte
	}{
		{"as found", name, n, 1 << 20, data},
		{"grown since", name, 100, 1 << 20, data},
		{"shrunk since", name, 5 * n, 1 << 20, data},
		{"over the limit", name, n, 1000, data[:1001]},
		{"at the limit", name, n, n, data},
		{"one over", name, n, n - 1, data},
		{"empty", empty, 0, 1 << 20, []byte{}},
	} {
		got, err := readUpTo(c.file, c.size, c.limit)
		if err != nil || !bytes.Equal(got, c.want) {
			t.Errorf("%s: got %d bytes, %v; want %d bytes", c.name, len(got), err, len(c.want))
		}
	}
	for _, c := range []struct{ name, file, op string }{
		{"missing", filepath.Join(dir, "none.txt"), "open"},
		{"a folder", dir, "read"},
	} {
		_, err := readUpTo(c.file, 10, 1<<20)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != c.file || pe.Op != c.op {
			t.Errorf("%s: got %v; want a %s error naming %s", c.name, err, c.op, c.file)
		}
	}
}

package corpus_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/baogao/baogao/corpus"
)

func ExampleFind() {
	dir, _ := os.MkdirTemp("", "reports")
	defer os.RemoveAll(dir)
	for name, text := range map[string]string{
		"2026-01.txt":        "一月份全市工业增加值增长6.1%。",
		"2026-02.html":       "<p>二月份全市工业增加值增长5.9%。</p>",
		"archive/2025.jsonl": `{"id": 1, "text": "全年增长5.8%。"}`,
		"photo.jpg":          "\xff\xd8\xff",
	} {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, []byte(text), 0o644)
	}
	inputs, skipped, errs := corpus.Find([]string{dir, filepath.Join(dir, "missing.txt")})
	for _, in := range inputs {
		rel, _ := filepath.Rel(dir, in.Path)
		fmt.Println(filepath.ToSlash(rel), in.Format, in.Size)
	}
	fmt.Println("skipped:", skipped, "errors:", len(errs))
	// Output:
	// 2026-01.txt txt 43
	// 2026-02.html html 50
	// archive/2025.jsonl jsonl 40
	// skipped: 1 errors: 1
}

func ExampleReadBytes() {
	data := []byte(`{"id": "a", "text": "全年实现地区生产总值876.5亿元，增长6.2%。", "published": "2026年2月3日"}
{"id": "b", "text": }
{"text": "城镇新增就业２.１万人。"}
`)
	for d, err := range corpus.ReadBytes("reports.jsonl", "jsonl", data) {
		if err != nil {
			fmt.Println("error:", err)
			continue
		}
		fmt.Printf("%s %q %s\n", d.ID, d.Published, d.Text)
	}
	// Output:
	// reports.jsonl#a "2026-02-03" 全年实现地区生产总值876.5亿元，增长6.2%。
	// error: reports.jsonl:2: bad JSON: invalid character '}' looking for beginning of value (at byte 21)
	// reports.jsonl#L3 "" 城镇新增就业2.1万人。
}

// A JSONL corpus read in two halves: the lines, cheaply, in one place,
// and each line's document wherever there is a core free for it, as a
// run's reader and workers do.
func ExampleJSONLines() {
	in := corpus.Input{Path: "testdata/inputs/broken.jsonl", Format: "jsonl"}
	for line, err := range corpus.JSONLines(in) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		d, err := corpus.ReadJSONLine(in.Path, line)
		if err != nil {
			fmt.Println("line", line.No, "broken")
			continue
		}
		fmt.Println("line", line.No, d.ID)
	}
	// Output:
	// line 1 testdata/inputs/broken.jsonl#a1
	// line 2 testdata/inputs/broken.jsonl#a2
	// line 3 broken
	// line 4 testdata/inputs/broken.jsonl#a4
}

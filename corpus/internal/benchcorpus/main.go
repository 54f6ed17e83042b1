// Command benchcorpus writes the benchmark corpus of .ci/bench: the
// sample report and the layout test pages, their paragraphs rotated and
// their digits varied, into files of about 12–60 KB until the corpus
// reaches the size asked for. The same flags give the same files.
//
//	go run ./corpus/internal/benchcorpus -o /tmp/bench-corpus -mb 100
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/baogao/baogao/corpus"
)

func main() {
	log.SetFlags(0)
	out := flag.String("o", "", "folder to write the corpus into (created; must be empty or missing)")
	mb := flag.Float64("mb", 100, "size of the corpus in MB (10⁶ bytes)")
	src := flag.String("src", "corpus/testdata/layout", "folder of further .txt reports to vary, besides the sample")
	seed := flag.Uint64("seed", 1, "seed of the variations")
	jsonl := flag.Int("jsonl", 0, "write every report whose number is a multiple of this into one JSONL file per 1000 reports instead of a .txt file of its own (0: none)")
	flag.Parse()
	if *out == "" {
		log.Fatal("benchcorpus: -o is required")
	}
	texts := []string{corpus.SampleText()}
	extra, err := filepath.Glob(filepath.Join(*src, "*.txt"))
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range extra {
		b, err := os.ReadFile(p)
		if err != nil {
			log.Fatalf("benchcorpus: %v", err)
		}
		texts = append(texts, string(b))
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	if left, _ := os.ReadDir(*out); len(left) > 0 {
		log.Fatalf("benchcorpus: %s is not empty", *out)
	}
	n, size, err := write(*out, texts, int64(*mb*1e6), *jsonl, rand.New(rand.NewPCG(*seed, 0)))
	if err != nil {
		log.Fatalf("benchcorpus: %v", err)
	}
	fmt.Printf("%d reports, %.1f MB in %s\n", n, float64(size)/1e6, *out)
}

// write writes reports until they add up to want bytes. Report i takes
// text i mod len(texts), rotates its paragraphs, drops some, and changes
// about one digit in four, so that no two reports are alike but all read
// as reports. Every fourth report is two texts joined, for some larger
// files. With jsonl > 0, every jsonl-th report goes into a JSONL file
// shared by the reports of its thousand, so the corpus also has large
// files that are streamed.
func write(dir string, texts []string, want int64, jsonl int, rng *rand.Rand) (reports int, size int64, err error) {
	paras := make([][]string, len(texts))
	for i, t := range texts {
		for p := range strings.SplitSeq(t, "\n\n") {
			if strings.TrimSpace(p) != "" {
				paras[i] = append(paras[i], p)
			}
		}
	}
	var b strings.Builder
	for i := 0; size < want; i++ {
		b.Reset()
		parts := 1
		if i%4 == 3 {
			parts = 2
		}
		for k := range parts {
			ps := paras[(i+k)%len(paras)]
			rot := rng.IntN(len(ps))
			for j := range ps {
				if len(ps) > 4 && rng.IntN(8) == 0 {
					continue
				}
				vary(&b, ps[(rot+j)%len(ps)], rng)
				b.WriteString("\n\n")
			}
		}
		sub := filepath.Join(dir, fmt.Sprintf("%02d", i/1000))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return reports, size, err
		}
		if jsonl > 0 && i%jsonl == 0 {
			line, err := json.Marshal(map[string]string{"id": fmt.Sprintf("report-%06d", i), "text": b.String()})
			if err != nil {
				return reports, size, err
			}
			name := filepath.Join(sub, "reports.jsonl")
			f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
			if err != nil {
				return reports, size, err
			}
			_, err = f.Write(append(line, '\n'))
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return reports, size, err
			}
			reports++
			size += int64(len(line) + 1)
			continue
		}
		name := filepath.Join(sub, fmt.Sprintf("report-%06d.txt", i))
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return reports, size, err
		}
		reports++
		size += int64(b.Len())
	}
	return reports, size, nil
}

// vary writes p with about one ASCII digit in four replaced by another.
func vary(b *strings.Builder, p string, rng *rand.Rand) {
	for i := 0; i < len(p); i++ {
		c := p[i]
		if '0' <= c && c <= '9' && rng.IntN(4) == 0 {
			c = '0' + byte(rng.IntN(10))
		}
		b.WriteByte(c)
	}
}

// Command benchcorpus writes the benchmark corpus of .ci/bench: the
// sample report and the layout test pages, their paragraphs rotated and
// their digits varied, into files of about 12–60 KB until the corpus
// reaches the size asked for. The same flags give the same files.
//
//	go run ./corpus/internal/benchcorpus -o /tmp/bench-corpus -mb 100
package main

import (
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
	n, size, err := write(*out, texts, int64(*mb*1e6), rand.New(rand.NewPCG(*seed, 0)))
	if err != nil {
		log.Fatalf("benchcorpus: %v", err)
	}
	fmt.Printf("%d files, %.1f MB in %s\n", n, float64(size)/1e6, *out)
}

// write writes reports until they add up to want bytes. Report i takes
// text i mod len(texts), rotates its paragraphs, drops some, and changes
// about one digit in four, so that no two reports are alike but all read
// as reports. Every fourth report is two texts joined, for some larger
// files.
func write(dir string, texts []string, want int64, rng *rand.Rand) (files int, size int64, err error) {
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
		name := filepath.Join(dir, fmt.Sprintf("%02d", i/1000), fmt.Sprintf("report-%06d.txt", i))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return files, size, err
		}
		if err := os.WriteFile(name, []byte(b.String()), 0o644); err != nil {
			return files, size, err
		}
		files++
		size += int64(b.Len())
	}
	return files, size, nil
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

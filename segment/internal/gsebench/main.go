// Command gsebench measures bare gse: the time its Segment takes to cut
// every .txt file under a folder, after LoadDictEmbed and with the files
// already in memory. It is the yardstick of .ci/bench.
//
//	go run ./segment/internal/gsebench /tmp/bench-corpus
//
// It prints one line: bytes, seconds, MB/s, and the dictionary's load
// time.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-ego/gse"
)

func main() {
	log.SetFlags(0)
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: gsebench FOLDER")
	}
	var texts [][]byte
	var size int64
	err := filepath.WalkDir(flag.Arg(0), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".txt") {
			return err
		}
		b, err := os.ReadFile(path)
		texts = append(texts, b)
		size += int64(len(b))
		return err
	})
	if err != nil {
		log.Fatalf("gsebench: %v", err)
	}
	t0 := time.Now()
	var seg gse.Segmenter
	seg.SkipLog = true
	if err := seg.LoadDictEmbed(); err != nil {
		log.Fatalf("gsebench: %v", err)
	}
	load := time.Since(t0)
	t1 := time.Now()
	words := 0
	for _, t := range texts {
		words += len(seg.Segment(t))
	}
	el := time.Since(t1)
	fmt.Printf("gse Segment: %d bytes, %d words in %.2f s: %.2f MB/s (dictionary loaded in %.2f s)\n",
		size, words, el.Seconds(), float64(size)/1e6/el.Seconds(), load.Seconds())
}

package output

import (
	"strings"
	"sync/atomic"
	"testing"

	"github.com/baogao/baogao/corpus"
	"github.com/baogao/baogao/extract"
)

// BenchmarkWorkers measures the workers' stage alone: segmentation, every
// extractor and building the rows of documents already read, in batches
// of workBatch as a worker takes them, by as many workers as -cpu says.
// `-cpu 1,2` shows how the stage scales from one worker to two apart from
// the reader and the writer, which a whole run adds on other goroutines.
func BenchmarkWorkers(b *testing.B) {
	seg, pipe, _ := testEngine(b)
	paras := strings.Split(corpus.SampleText(), "\n\n")
	docs := make([]*corpus.Document, 64)
	var total int64
	for i := range docs {
		var s strings.Builder
		for j := range paras {
			s.WriteString(paras[(i+j)%len(paras)])
			s.WriteString("\n\n")
		}
		docs[i] = corpus.NewDocument(s.String())
		docs[i].ID = string(rune('a'+i%26)) + string(rune('a'+i/26))
		total += int64(s.Len())
	}
	job := Job{Segmenter: seg, Pipeline: pipe}
	var next atomic.Int64 // the next batch, of all the workers'
	b.SetBytes(total / int64(len(docs)) * workBatch)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		var segmented [workBatch]extract.Doc
		var recs extract.Records
		batch := make([]*item, workBatch)
		for pb.Next() {
			first := int(next.Add(workBatch)) - workBatch
			for k := range batch {
				batch[k] = &item{doc: docs[(first+k)%len(docs)]}
			}
			processBatch(job, batch, &segmented, &recs)
			if batch[0].result == nil || batch[0].err != nil {
				b.Fatalf("no rows: %v", batch[0].err)
			}
		}
	})
}

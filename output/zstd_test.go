package output

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	pqzstd "github.com/parquet-go/parquet-go/compress/zstd"
)

// TestZstdCodec checks that the shared-encoder codec writes what
// parquet-go's own writes at the same level, from goroutines at once, and
// reads it back.
func TestZstdCodec(t *testing.T) {
	var pages [][]byte
	for i := range 24 {
		var b bytes.Buffer
		for j := range 200 * (i + 1) {
			fmt.Fprintf(&b, "doc-%d 北碚区 %d 亿元 %d%%;", j%17, j*i, j%100)
		}
		pages = append(pages, b.Bytes())
	}
	pages = append(pages, nil, []byte("x"))
	ref := &pqzstd.Codec{Level: pqzstd.SpeedFastest}
	var c zstdCodec
	var wg sync.WaitGroup
	for _, page := range pages {
		wg.Go(func() {
			want, err := ref.Encode(nil, page)
			if err != nil {
				t.Error(err)
				return
			}
			got, err := c.Encode(make([]byte, 0, 16), page)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("page of %d bytes: %d bytes, %v; parquet-go's codec gives %d bytes", len(page), len(got), err, len(want))
				return
			}
			back, err := c.Decode(nil, got)
			if err != nil || !bytes.Equal(back, page) {
				t.Errorf("page of %d bytes: read back %d bytes, %v", len(page), len(back), err)
			}
		})
	}
	wg.Wait()
}

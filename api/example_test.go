package api_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/clm-engine/clm/api"
	"github.com/clm-engine/clm/store"
)

// A server over a new store, a key made for it, and the key asking who it is.
func ExampleNew() {
	dir, err := os.MkdirTemp("", "api-example-")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "clm.db"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	srv, err := api.New(ctx, api.Options{Store: st})
	if err != nil {
		fmt.Println(err)
		return
	}
	hs := httptest.NewServer(srv.Handler())
	defer hs.Close()

	// Fixed randomness makes the example's key id predictable.
	rnd := bytes.NewReader(bytes.Repeat([]byte{7}, 36))
	secret, _, err := api.CreateKey(ctx, st, store.Change{Who: "cli", At: time.Now()}, rnd, store.RoleCounsel, "cara")
	if err != nil {
		fmt.Println(err)
		return
	}
	req, _ := http.NewRequest("GET", hs.URL+"/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 200 {"id":"k_07070707","name":"cara","role":"counsel"}
}

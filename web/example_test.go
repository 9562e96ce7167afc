package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/clm-engine/clm/web"
)

// The page sits beside the API: /v1 goes to the API, everything else to the
// page, which calls /v1 from the browser.
func ExampleHandler() {
	api := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "the API", http.StatusTeapot) })
	mux := http.NewServeMux()
	mux.Handle("/v1/", api)
	mux.Handle("/", web.Handler())

	for _, p := range []string{"/", "/app/documents", "/static/app.css", "/static/nope.js", "/v1/me"} {
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		fmt.Println(p, rec.Code, rec.Header().Get("Content-Type"))
	}
	// Output:
	// / 200 text/html; charset=utf-8
	// /app/documents 200 text/html; charset=utf-8
	// /static/app.css 200 text/css; charset=utf-8
	// /static/nope.js 404 application/problem+json
	// /v1/me 418 text/plain; charset=utf-8
}

package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/store"
)

// problem is an RFC 9457 problem detail, the body of every error response
// (application/problem+json). Type is always about:blank, so Title is the
// HTTP status text; Code is a stable machine-readable code.
type problem struct {
	Type      string             `json:"type"`
	Title     string             `json:"title"`
	Status    int                `json:"status"`
	Detail    string             `json:"detail,omitempty"`
	Instance  string             `json:"instance,omitempty"`
	Code      string             `json:"code"`
	RequestID string             `json:"request_id,omitempty"`
	Errors    playbook.ErrorList `json:"errors,omitempty"` // playbook validation errors
}

func (p *problem) Error() string { return fmt.Sprintf("%d %s: %s", p.Status, p.Code, p.Detail) }

func errBadRequest(format string, args ...any) *problem {
	return &problem{Status: http.StatusBadRequest, Code: "bad_request", Detail: fmt.Sprintf(format, args...)}
}

func errNotFound(format string, args ...any) *problem {
	return &problem{Status: http.StatusNotFound, Code: "not_found", Detail: fmt.Sprintf(format, args...)}
}

func errTooLarge(limit int64) *problem {
	return &problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
		Detail: fmt.Sprintf("the request body exceeds the upload limit of %d bytes", limit)}
}

func errUnavailable(detail string) *problem {
	return &problem{Status: http.StatusServiceUnavailable, Code: "unavailable", Detail: detail}
}

func errUnsupportedType(format string, args ...any) *problem {
	return &problem{Status: http.StatusUnsupportedMediaType, Code: "unsupported_media_type", Detail: fmt.Sprintf(format, args...)}
}

// extractStatus maps an extract error code to the HTTP status of its problem:
// over a limit 413, not a contract format 415, a contract that cannot be read
// 422.
var extractStatus = map[string]int{
	extract.CodeLimit:      http.StatusRequestEntityTooLarge,
	extract.CodeFormat:     http.StatusUnsupportedMediaType,
	extract.CodeLegacyDOC:  http.StatusUnsupportedMediaType,
	extract.CodeNoDocument: http.StatusUnsupportedMediaType,
	extract.CodeCorrupt:    http.StatusUnprocessableEntity,
	extract.CodeEncrypted:  http.StatusUnprocessableEntity,
	extract.CodeDTD:        http.StatusUnprocessableEntity,
	extract.CodeNoText:     http.StatusUnprocessableEntity,
	extract.CodeEmpty:      http.StatusUnprocessableEntity,
	extract.CodeTimeout:    http.StatusUnprocessableEntity,
	extract.CodeCanceled:   http.StatusServiceUnavailable,
}

// toProblem maps any error to its problem: the one place where errors become
// HTTP statuses.
func toProblem(err error) *problem {
	var (
		p   *problem
		he  *echo.HTTPError
		ee  *extract.Error
		pl  playbook.ErrorList
		mbe *http.MaxBytesError
	)
	switch {
	case errors.As(err, &p):
		return p
	case errors.As(err, &mbe):
		return errTooLarge(mbe.Limit)
	case errors.As(err, &ee):
		st, ok := extractStatus[ee.Code]
		if !ok {
			return &problem{Status: http.StatusInternalServerError, Code: ee.Code, Detail: "the contract could not be read: internal error"}
		}
		return &problem{Status: st, Code: ee.Code, Detail: ee.Error()}
	case errors.As(err, &pl):
		detail := "the playbook has an error"
		if len(pl) > 1 {
			detail = fmt.Sprintf("the playbook has %d errors", len(pl))
		}
		return &problem{Status: http.StatusUnprocessableEntity, Code: "playbook_invalid", Detail: detail, Errors: pl}
	case errors.Is(err, store.ErrNotFound):
		return &problem{Status: http.StatusNotFound, Code: "not_found", Detail: err.Error()}
	case errors.Is(err, store.ErrConflict):
		return &problem{Status: http.StatusConflict, Code: "conflict", Detail: err.Error()}
	case errors.Is(err, context.DeadlineExceeded):
		return &problem{Status: http.StatusServiceUnavailable, Code: "timeout", Detail: "the request took longer than the server allows"}
	case errors.As(err, &he):
		p := &problem{Status: he.Code, Code: codeOf(he.Code), Detail: fmt.Sprint(he.Message)}
		if he.Internal != nil {
			var mbe *http.MaxBytesError
			if errors.As(he.Internal, &mbe) {
				return errTooLarge(mbe.Limit)
			}
		}
		return p
	}
	return &problem{Status: http.StatusInternalServerError, Code: "internal", Detail: "internal error; the request id is in the server's log"}
}

func codeOf(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnauthorized:
		return "unauthenticated"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type"
	case http.StatusServiceUnavailable:
		return "unavailable"
	}
	if status >= 500 {
		return "internal"
	}
	return "bad_request"
}

// errorHandler writes every error as application/problem+json. Server errors
// are logged with their cause; the body never carries internals.
func (s *Server) errorHandler(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	p := *toProblem(err)
	p.Type = "about:blank"
	p.Title = http.StatusText(p.Status)
	p.Instance = c.Request().URL.Path
	switch { // echo's router: say what was not found
	case errors.Is(err, echo.ErrNotFound):
		p.Detail = "no such route: " + c.Request().Method + " " + p.Instance
	case errors.Is(err, echo.ErrMethodNotAllowed):
		p.Detail = fmt.Sprintf("%s is not allowed on %s (allowed: %s)", c.Request().Method, p.Instance, c.Response().Header().Get("Allow"))
	}
	p.RequestID = requestIDOf(c)
	if p.Status >= 500 {
		s.log.Error("request failed", "request_id", p.RequestID, "status", p.Status, "error", err)
	}
	body, merr := json.Marshal(p)
	if merr != nil {
		body = []byte(`{"type":"about:blank","title":"Internal Server Error","status":500,"code":"internal"}`)
		p.Status = http.StatusInternalServerError
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	if c.Request().Method == http.MethodHead {
		c.Response().WriteHeader(p.Status)
		return
	}
	c.Response().WriteHeader(p.Status)
	c.Response().Write(append(body, '\n'))
}

package api

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/mail"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/store"
)

// upload is a file sent as the multipart field "file" (with small text fields
// beside it) or as the raw request body.
type upload struct {
	Name   string
	Data   []byte
	Fields map[string]string
}

const maxField = 64 << 10 // bytes of one multipart text field

// readUpload reads the request's file. The body is already bounded by
// Options.MaxUpload.
func readUpload(c echo.Context) (*upload, error) {
	req := c.Request()
	ct := req.Header.Get(echo.HeaderContentType)
	mt, params, _ := mime.ParseMediaType(ct)
	u := &upload{Fields: map[string]string{}}
	if mt == "multipart/form-data" {
		if params["boundary"] == "" {
			return nil, errBadRequest("multipart body without a boundary")
		}
		mr := multipart.NewReader(req.Body, params["boundary"])
		for {
			p, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return nil, bodyError(err, "multipart body")
			}
			switch name := p.FormName(); {
			case name == "file":
				if u.Data != nil {
					return nil, errBadRequest("more than one file field; send one file per request")
				}
				u.Name = path.Base(strings.ReplaceAll(p.FileName(), `\`, "/"))
				if u.Data, err = io.ReadAll(p); err != nil {
					return nil, bodyError(err, "file field")
				}
				if u.Data == nil {
					u.Data = []byte{}
				}
			case name != "":
				b, err := io.ReadAll(io.LimitReader(p, maxField+1))
				if err != nil {
					return nil, bodyError(err, "field "+name)
				}
				if len(b) > maxField {
					return nil, errBadRequest("field %s exceeds %d bytes", name, maxField)
				}
				u.Fields[name] = string(b)
			}
		}
		if u.Data == nil {
			return nil, errBadRequest(`multipart body without a "file" field`)
		}
	} else {
		if ct == "" {
			return nil, errUnsupportedType("send the contract as multipart/form-data (field \"file\") or as the body with its Content-Type")
		}
		data, err := io.ReadAll(req.Body)
		if err != nil {
			return nil, bodyError(err, "body")
		}
		u.Data = data
		if _, p, err := mime.ParseMediaType(req.Header.Get("Content-Disposition")); err == nil {
			u.Name = path.Base(strings.ReplaceAll(p["filename"], `\`, "/"))
		}
		if n := c.QueryParam("name"); n != "" {
			u.Name = path.Base(n)
		}
		for _, f := range []string{"owner", "playbook", "party"} {
			if v := c.QueryParam(f); v != "" {
				u.Fields[f] = v
			}
		}
	}
	if u.Name == "" || u.Name == "." || u.Name == "/" {
		u.Name = "upload"
	}
	return u, nil
}

// bodyError maps a failure reading the body: over the limit 413, else 400.
func bodyError(err error, what string) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return errTooLarge(mbe.Limit)
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return errBadRequest("cannot read the %s: %v", what, err)
}

// checkOwner accepts an empty owner or a bare email address.
func checkOwner(owner string) error {
	if owner == "" {
		return nil
	}
	a, err := mail.ParseAddress(owner)
	if err != nil || a.Address != owner {
		return errBadRequest("owner %q is not an email address (name@example.com)", owner)
	}
	return nil
}

// extractCtx bounds one extraction by Options.ExtractTimeout and a worker slot.
func (s *Server) extractCtx(ctx context.Context) (context.Context, func(), error) {
	release, err := s.acquire(ctx)
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, s.o.ExtractTimeout)
	return ctx, func() { cancel(); release() }, nil
}

func (s *Server) uploadDocument(c echo.Context) error {
	u, err := readUpload(c)
	if err != nil {
		return err
	}
	owner := strings.TrimSpace(u.Fields["owner"])
	if err := checkOwner(owner); err != nil {
		return err
	}
	ctx := c.Request().Context()
	sum := sha256.Sum256(u.Data)
	id := hex.EncodeToString(sum[:])
	if d, err := s.st.Document(ctx, id); err == nil {
		return c.JSON(http.StatusOK, d) // the same bytes again: the same document
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	ectx, done, err := s.extractCtx(ctx)
	if err != nil {
		return err
	}
	doc, err := extract.Parse(ectx, u.Name, u.Data, s.o.Extract)
	done()
	if err != nil {
		return err
	}
	var ej bytes.Buffer
	if err := extract.WriteJSON(&ej, doc); err != nil {
		return err
	}
	d := &store.Document{
		ID: id, SHA256: id, Name: u.Name, Format: string(doc.Format), Size: int64(len(u.Data)),
		Uploader: keyOf(c).Name, Owner: owner, Created: s.o.Clock().UTC(), Clauses: len(doc.Clauses), Parties: parties(doc),
	}
	stored, created, err := s.st.CreateDocument(ctx, s.change(c), d, store.DocumentBlobs{Original: u.Data, Extract: ej.Bytes()})
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		if err := s.storeObligations(ctx, s.change(c), id, doc); err != nil {
			return err
		}
		status = http.StatusCreated
		c.Response().Header().Set(echo.HeaderLocation, "/v1/documents/"+id)
	}
	return c.JSON(status, stored)
}

// parties lists the names (and defined terms) of a document's parties.
func parties(doc *extract.Document) []string {
	out := []string{}
	for _, t := range doc.Terms {
		ps, ok := t.Value.([]extract.Party)
		if t.Kind != "parties" || !ok {
			continue
		}
		for _, p := range ps {
			if p.Name != "" {
				out = append(out, p.Name)
			}
			out = append(out, p.Aliases...)
		}
	}
	return out
}

// documentList is the body of GET /v1/documents.
type documentList struct {
	Documents  []*store.Document `json:"documents"`
	NextCursor string            `json:"next_cursor,omitempty"`
}

func (s *Server) listDocuments(c echo.Context) error {
	f := store.DocumentFilter{
		Uploader: c.QueryParam("uploader"),
		Owner:    c.QueryParam("owner"),
		Outcome:  c.QueryParam("outcome"),
		Query:    c.QueryParam("q"),
	}
	var err error
	if f.From, err = timeParam(c, "from", false); err != nil {
		return err
	}
	if f.To, err = timeParam(c, "to", true); err != nil {
		return err
	}
	if f.Limit, err = intParam(c, "limit", 1, 500); err != nil {
		return err
	}
	if v := c.QueryParam("cursor"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return errBadRequest("cursor %q is not one this server gave", v)
		}
		f.After = n
	}
	switch f.Outcome {
	case "", "accept", "fallback", "escalate", store.OutcomeNone:
	default:
		return errBadRequest("outcome must be accept, fallback, escalate or none (never reviewed), not %q", f.Outcome)
	}
	page, err := s.st.ListDocuments(c.Request().Context(), f)
	if err != nil {
		return err
	}
	out := documentList{Documents: page.Documents}
	if page.Next > 0 {
		out.NextCursor = strconv.FormatInt(page.Next, 10)
	}
	return c.JSON(http.StatusOK, out)
}

// timeParam reads an RFC 3339 time or a date (YYYY-MM-DD, UTC); a date as the
// end of a range ("to") includes the whole day.
func timeParam(c echo.Context, name string, end bool) (time.Time, error) {
	v := c.QueryParam(name)
	if v == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.DateOnly, v)
	if err != nil {
		return time.Time{}, errBadRequest("%s must be a date (2026-11-26) or an RFC 3339 time, not %q", name, v)
	}
	if end {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

func intParam(c echo.Context, name string, lo, hi int) (int, error) {
	v := c.QueryParam(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, errBadRequest("%s must be a number from %d to %d, not %q", name, lo, hi, v)
	}
	return n, nil
}

func (s *Server) getDocument(c echo.Context) error {
	b, err := s.st.DocumentBlob(c.Request().Context(), c.Param("id"), false)
	if err != nil {
		return err
	}
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
}

// getRecord answers a document's record: name, uploader, owner, size,
// created, clause count, parties and latest outcome.
func (s *Server) getRecord(c echo.Context) error {
	d, err := s.st.Document(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (s *Server) getOriginal(c echo.Context) error {
	ctx := c.Request().Context()
	d, err := s.st.Document(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	b, err := s.st.DocumentBlob(ctx, d.ID, true)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", attachment(d.Name))
	return c.Blob(http.StatusOK, formatMIME[d.Format], b)
}

// formatMIME is the media type of each source format.
var formatMIME = map[string]string{
	"docx": mimeDOCX,
	"pdf":  "application/pdf",
	"txt":  "text/plain; charset=utf-8",
}

const mimeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func (s *Server) patchDocument(c echo.Context) error {
	var body struct {
		Owner *string `json:"owner"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Owner == nil {
		return errBadRequest(`the body must set "owner"`)
	}
	owner := strings.TrimSpace(*body.Owner)
	if err := checkOwner(owner); err != nil {
		return err
	}
	d, err := s.st.SetOwner(c.Request().Context(), s.change(c), c.Param("id"), owner)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, d)
}

func (s *Server) deleteDocument(c echo.Context) error {
	if err := s.st.DeleteDocument(c.Request().Context(), s.change(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// decodeJSON reads a JSON object body strictly: unknown fields are errors.
func decodeJSON(c echo.Context, v any) error {
	mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	if mt != echo.MIMEApplicationJSON && mt != "application/merge-patch+json" {
		return errUnsupportedType("send a JSON body (Content-Type: application/json)")
	}
	dec := json.NewDecoder(c.Request().Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge(mbe.Limit)
		}
		return errBadRequest("invalid JSON body: %v", err)
	}
	if dec.More() {
		return errBadRequest("invalid JSON body: more than one value")
	}
	return nil
}

// attachment is a Content-Disposition that saves the body as name.
func attachment(name string) string {
	if v := mime.FormatMediaType("attachment", map[string]string{"filename": name}); v != "" {
		return v
	}
	return "attachment"
}

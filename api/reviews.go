package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/clm-engine/clm/extract"
	"github.com/clm-engine/clm/playbook"
	"github.com/clm-engine/clm/redline"
	"github.com/clm-engine/clm/review"
	"github.com/clm-engine/clm/store"
)

// reviewBody is the clm.review/v1 report with the review's id and record.
type reviewBody struct {
	ID         string    `json:"id"`
	DocumentID string    `json:"document_id,omitempty"`
	By         string    `json:"by"`
	Created    time.Time `json:"created"`
	*playbook.Report
}

// outcome is a report's overall outcome: escalate when any decision
// escalates, else fallback when any falls back, else accept.
func outcome(r *playbook.Report) string {
	switch {
	case r.Summary.Counts[playbook.OutcomeEscalate] > 0:
		return playbook.OutcomeEscalate
	case r.Summary.Counts[playbook.OutcomeFallback] > 0:
		return playbook.OutcomeFallback
	}
	return playbook.OutcomeAccept
}

// reviewed is one contract through the pipeline: the report (updated by the
// redline) and the redline as DOCX and HTML. docxErr says why there is no
// DOCX (a package the redliner cannot edit).
type reviewed struct {
	doc     *extract.Document
	report  *playbook.Report
	pb      *playbook.Playbook
	docx    []byte
	docxErr string
	html    []byte
}

// runReview reviews data against the named playbook's latest version and
// writes its redline; the whole pipeline is review.Run and Result.Redline.
func (s *Server) runReview(c echo.Context, name string, data []byte, pbName, party, author string, withHTML bool) (*reviewed, error) {
	ctx := c.Request().Context()
	pv, err := s.st.Playbook(ctx, pbName, "")
	if errors.Is(err, store.ErrNotFound) {
		return nil, errNotFound("no playbook named %q", pbName)
	}
	if err != nil {
		return nil, err
	}
	pb, err := s.pbCache.load(pv.Name, pv.Revision, pv.YAML)
	if err != nil {
		return nil, err
	}
	ectx, done, err := s.extractCtx(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	res, err := review.Run(ectx, name, data, pb, &review.Options{Party: party, Extract: s.o.Extract})
	if err != nil {
		return nil, err
	}
	if author == "" {
		author = "clm"
	}
	out := &reviewed{doc: res.Document, report: res.Report, pb: pb}
	out.docx, _, err = res.Redline(pb, redline.Options{Author: author, Date: s.o.Clock().UTC().Truncate(time.Second)})
	if errors.Is(err, redline.ErrFormat) {
		// The review stands; only the tracked-changes DOCX cannot be written.
		out.docx, out.docxErr = nil, err.Error()
		s.log.Warn("no DOCX redline", "request_id", requestIDOf(c), "document", name, "error", err)
	} else if err != nil {
		return nil, err
	}
	if withHTML {
		var h bytes.Buffer
		if err := redline.HTML(&h, res.Document, res.Report); err != nil {
			return nil, err
		}
		out.html = h.Bytes()
	}
	return out, nil
}

func (s *Server) createReview(c echo.Context) error {
	var body struct {
		DocumentID string `json:"document_id"`
		Playbook   string `json:"playbook"`
		Party      string `json:"party"`
		Author     string `json:"author"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.DocumentID == "" || body.Playbook == "" {
		return errBadRequest(`"document_id" and "playbook" are required`)
	}
	ctx := c.Request().Context()
	d, err := s.st.Document(ctx, body.DocumentID)
	if err != nil {
		return err
	}
	data, err := s.st.DocumentBlob(ctx, d.ID, true)
	if err != nil {
		return err
	}
	ch := s.change(c)
	author := body.Author
	if author == "" {
		author = ch.Who
	}
	rv, err := s.runReview(c, d.Name, data, body.Playbook, body.Party, author, true)
	if err != nil {
		return err
	}
	r := &store.Review{
		ID: "rv_" + s.randomHex(10), DocumentID: d.ID, Playbook: rv.pb.Name, Revision: rv.pb.Revision,
		Outcome: outcome(rv.report), By: ch.Who, Created: ch.At, RedlineError: rv.docxErr,
	}
	rep, err := json.Marshal(reviewBody{ID: r.ID, DocumentID: d.ID, By: r.By, Created: r.Created, Report: rv.report})
	if err != nil {
		return err
	}
	if err := s.st.CreateReview(ctx, ch, r, store.ReviewBlobs{Report: rep, RedlineDOCX: rv.docx, RedlineHTML: rv.html}); err != nil {
		return err
	}
	// a review reads the contract again: its obligations follow this reading
	if err := s.storeObligations(ctx, ch, d.ID, rv.doc); err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderLocation, "/v1/reviews/"+r.ID)
	return c.JSONBlob(http.StatusCreated, rep)
}

func (s *Server) getReview(c echo.Context) error {
	b, err := s.st.ReviewBlob(c.Request().Context(), c.Param("id"), store.BlobReport)
	if err != nil {
		return err
	}
	return c.JSONBlob(http.StatusOK, b)
}

func (s *Server) getRedlineDOCX(c echo.Context) error {
	ctx := c.Request().Context()
	r, err := s.st.Review(ctx, c.Param("id"))
	if err != nil {
		return err
	}
	if r.RedlineError != "" {
		return errNoRedline(r.RedlineError)
	}
	b, err := s.st.ReviewBlob(ctx, r.ID, store.BlobRedlineDOCX)
	if err != nil {
		return err
	}
	c.Response().Header().Set("Content-Disposition", attachment(c.Param("id")+"-redline.docx"))
	return c.Blob(http.StatusOK, mimeDOCX, b)
}

func (s *Server) getRedlineHTML(c echo.Context) error {
	b, err := s.st.ReviewBlob(c.Request().Context(), c.Param("id"), store.BlobRedlineHTML)
	if err != nil {
		return err
	}
	// The preview is self-contained: no scripts, no outside resources.
	c.Response().Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	return c.Blob(http.StatusOK, echo.MIMETextHTMLCharsetUTF8, b)
}

// accepts reports whether the Accept header names the media type mt.
func accepts(c echo.Context, mt string) bool {
	for _, part := range strings.Split(c.Request().Header.Get(echo.HeaderAccept), ",") {
		t, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err == nil && t == mt {
			return true
		}
	}
	return false
}

// oneShotReview reviews an uploaded file without storing anything: the
// report as JSON, or the redline DOCX when the client accepts it.
func (s *Server) oneShotReview(c echo.Context) error {
	docx := accepts(c, mimeDOCX)
	if docx && keyOf(c).Role == store.RoleIntegration {
		return &problem{Status: http.StatusForbidden, Code: "forbidden",
			Detail: "the role integration may not download redlines; ask for application/json"}
	}
	u, err := readUpload(c)
	if err != nil {
		return err
	}
	pbName := u.Fields["playbook"]
	if pbName == "" {
		return errBadRequest(`the "playbook" field is required`)
	}
	rv, err := s.runReview(c, u.Name, u.Data, pbName, u.Fields["party"], keyOf(c).Name, false)
	if err != nil {
		return err
	}
	if docx {
		if rv.docxErr != "" {
			return errNoRedline(rv.docxErr)
		}
		c.Response().Header().Set("Content-Disposition", attachment("redline.docx"))
		c.Response().Header().Set("X-CLM-Outcome", outcome(rv.report))
		return c.Blob(http.StatusOK, mimeDOCX, rv.docx)
	}
	return c.JSON(http.StatusOK, rv.report)
}

// errNoRedline is the problem of a review whose DOCX redline could not be
// written; its report and HTML preview are still there.
func errNoRedline(reason string) *problem {
	return &problem{Status: http.StatusUnprocessableEntity, Code: "redline_unavailable",
		Detail: "no tracked-changes DOCX for this document (" + reason + "); the report and the HTML preview are available"}
}

func (s *Server) documentReviews(c echo.Context) error {
	list, err := s.st.Reviews(c.Request().Context(), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"reviews": list})
}

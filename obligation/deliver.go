package obligation

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/smtp"
	"slices"
	"strings"
	"time"
)

// Headers of a webhook delivery.
const (
	// SignatureHeader carries "sha256=" and the hex HMAC-SHA256 of the body
	// under the endpoint's secret.
	SignatureHeader = "X-CLM-Signature"
	// IdempotencyHeader carries the alert's Key: the same on every retry.
	IdempotencyHeader = "X-CLM-Idempotency-Key"
)

// Webhook is an endpoint that receives alerts as JSON POSTs.
type Webhook struct {
	ID     string
	URL    string
	Secret string
	Owners []string // the owners whose alerts it receives; empty: all
	Kinds  []string // the obligation kinds it receives; empty: all
}

// Wants reports whether w receives alert a.
func (w Webhook) Wants(a Alert) bool {
	return (len(w.Owners) == 0 || slices.Contains(w.Owners, a.Owner)) &&
		(len(w.Kinds) == 0 || slices.Contains(w.Kinds, a.Obligation.Kind))
}

// Sign returns the X-CLM-Signature value of body under secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Verify reports whether sig is the signature of body under secret, in
// constant time: what a receiver does with X-CLM-Signature.
func Verify(secret string, body []byte, sig string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(sig))
}

// WebhookBody is the JSON a webhook receives for an alert. It depends on the
// alert alone, so every retry sends the same bytes.
func WebhookBody(a Alert) ([]byte, error) {
	return json.Marshal(struct {
		Type string `json:"type"`
		Alert
	}{"obligation.alert", a})
}

// PostWebhook delivers a to w once; an error says why the attempt failed (a
// network error or a non-2xx answer), and the caller retries later.
func PostWebhook(ctx context.Context, client *http.Client, w Webhook, a Alert) error {
	body, err := WebhookBody(a)
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("webhook %s: %w", w.ID, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "clm-alerts")
	req.Header.Set(SignatureHeader, Sign(w.Secret, body))
	req.Header.Set(IdempotencyHeader, a.Key)
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("webhook %s: %w", w.ID, err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return fmt.Errorf("webhook %s: %s answered %s", w.ID, w.URL, resp.Status)
	}
	return nil
}

// Mailer sends alerts by email over SMTP.
type Mailer struct {
	Addr     string // host:port of the SMTP server
	From     string // the sender address
	Username string // empty: no authentication
	Password string
	// Timeout bounds one message, connection included; default 30s.
	Timeout time.Duration
}

// Send emails alert a to the address to, dated now. The Message-ID is made
// from the alert's key, so a receiving system can drop a repeat.
func (m *Mailer) Send(ctx context.Context, to string, a Alert, now time.Time) error {
	if m.Addr == "" || m.From == "" {
		return errors.New("obligation: Mailer needs Addr and From")
	}
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(m.From, "\r\n") {
		return fmt.Errorf("obligation: invalid email address %q", to)
	}
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	host, _, err := net.SplitHostPort(m.Addr)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", m.Addr, err)
	}
	conn, err := (&net.Dialer{}).DialContext(ctx, "tcp", m.Addr)
	if err != nil {
		return fmt.Errorf("smtp %s: %w", m.Addr, err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("smtp %s: %w", m.Addr, err)
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
			return fmt.Errorf("smtp %s: starttls: %w", m.Addr, err)
		}
	}
	if m.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.Username, m.Password, host)); err != nil {
			return fmt.Errorf("smtp %s: auth: %w", m.Addr, err)
		}
	}
	if err := c.Mail(m.From); err != nil {
		return fmt.Errorf("smtp %s: MAIL FROM: %w", m.Addr, err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("smtp %s: RCPT TO %s: %w", m.Addr, to, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("smtp %s: DATA: %w", m.Addr, err)
	}
	if _, err := w.Write(message(m.From, to, a, now)); err != nil {
		return fmt.Errorf("smtp %s: %w", m.Addr, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("smtp %s: %w", m.Addr, err)
	}
	return c.Quit()
}

// message writes an alert as an RFC 5322 message with a quoted-printable
// UTF-8 body.
func message(from, to string, a Alert, now time.Time) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "From: %s\r\n", from)
	fmt.Fprintf(&b, "To: %s\r\n", to)
	fmt.Fprintf(&b, "Subject: %s\r\n", mime.QEncoding.Encode("utf-8", a.Subject()))
	fmt.Fprintf(&b, "Date: %s\r\n", now.Format(time.RFC1123Z))
	fmt.Fprintf(&b, "Message-ID: <%s.%d@clm>\r\n", a.Key, a.LeadDays)
	fmt.Fprintf(&b, "X-CLM-Alert-Key: %s\r\n", a.Key)
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(a.Text(), "\n", "\r\n")))
	qp.Close()
	b.WriteString("\r\n")
	return b.Bytes()
}

// Backoff is the wait before attempt n+1 after n failed attempts: one minute,
// doubling, at most six hours.
func Backoff(n int) time.Duration {
	d := time.Minute
	for i := 1; i < n && d < 6*time.Hour; i++ {
		d *= 2
	}
	return min(d, 6*time.Hour)
}

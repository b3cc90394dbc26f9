// Temporary: open a URL in headless Chromium, print console messages and text, save a screenshot.
package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/chromedp/chromedp"
)

func main() {
	url := os.Args[1]
	out := os.Args[2]
	width := 1280
	if len(os.Args) > 3 {
		width, _ = strconv.Atoi(os.Args[3])
	}
	dir, _ := os.MkdirTemp("", "chr")
	defer os.RemoveAll(dir)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.Flag("disable-gpu", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(dir), chromedp.WindowSize(width, 900))
	ac, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(ac)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		fmt.Println("ERR", err)
		return
	}
	msgs := chromedp.Console(ctx)
	go func() {
		for m, err := range msgs {
			if err != nil {
				return
			}
			fmt.Println("CONSOLE", m.Type, m.Source, m.Text, m.URL)
		}
	}()
	wait := 2 * time.Second
	if w := os.Getenv("WAIT"); w != "" {
		wait, _ = time.ParseDuration(w)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Sleep(wait)); err != nil {
		fmt.Println("ERR", err)
	}
	if js := os.Getenv("JS"); js != "" {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js), chromedp.Sleep(wait)); err != nil {
			fmt.Println("ERR js", err)
		}
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('main').innerText`))
	if err != nil {
		fmt.Println("ERR", err)
	}
	shot := chromedp.FullScreenshot(100)
	if os.Getenv("VIEWPORT") != "" {
		shot = chromedp.CaptureScreenshot()
	}
	buf, err := chromedp.Run(ctx, shot)
	if err != nil {
		fmt.Println("ERR", err)
	}
	os.WriteFile(out, buf, 0o644)
	if len(text) > 5000 {
		text = text[:5000]
	}
	fmt.Println(text)
}

package org.hfmailbox.review.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hfmailbox.review.PathDisplay;
import org.hfmailbox.review.RepoRoot;
import org.hfmailbox.review.Trees;
import org.hfmailbox.review.manifest.Manifest;
import org.hfmailbox.review.manifest.ManifestReader;
import org.hfmailbox.review.pictures.Counterexample;
import org.hfmailbox.review.pictures.StateMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Builds a report (configuration aa039b39-liveness, whose runs give counterexamples, and the state machines of
 * configuration liveness, both quick) and opens it in headless Chromium through Debian's chromedriver: every
 * picture must load with a non-zero size and every counterexample must have its diagram and step table. A
 * screenshot is kept at target/report-screenshot.png. Fails (never skips) when chromium or its driver is missing.
 */
class ReportBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static ReportBuilder.Report report;
    private static Path target;

    @BeforeAll
    static void buildReport() throws Exception {
        Path root = RepoRoot.locate();
        target = root.resolve("review").resolve("target");
        Path out = target.resolve("browser-report");
        Path manifestFile = root.resolve("spec").resolve("manifest.json");
        Manifest manifest = new ManifestReader().read(manifestFile, "spec/manifest.json");
        StringWriter log = new StringWriter();
        Path work = target.resolve("browser-report-work");
        Trees.deleteRecursively(work);
        report = new ReportBuilder(root, manifest, new PathDisplay(root), new PrintWriter(log)).build(
                new ReportBuilder.Options(out, List.of("aa039b39-liveness"), Optional.of("liveness"),
                        root.resolve("refinement-tests").resolve("target").resolve("coverage.json"), Optional.empty(),
                        work.resolve("check"), work.resolve("graph"), false));
    }

    @Test
    void theReportHoldsWhatTheRunsFound() throws Exception {
        String html = Files.readString(report.index(), StandardCharsets.UTF_8);
        assertEquals(4, report.counterexamples().size(),
                "SendServedProp, ReceiverServedProp, WfiWokenProp and VcpuStartableProp are violated");
        assertTrue(report.outcomes().get("aa039b39-liveness").passed());
        assertTrue(html.contains("data-configuration=\"small\""), "every manifest configuration is listed");
        assertTrue(html.contains("not run in this report"));
        for (StateMachine m : report.machines()) {
            assertTrue(Files.size(report.index().resolveSibling("state-machines/" + m.projection().fileStem() + ".svg"))
                    > 500);
        }
        assertTrue(report.machines().get(0).hasEdge("ready", "running", "vcpu_run"));
    }

    @Test
    void everyPictureAndCounterexampleRendersInHeadlessChromium() throws Exception {
        if (!Files.isExecutable(CHROMEDRIVER) || !Files.isExecutable(CHROMIUM)) {
            fail("headless Chromium is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): install the Debian packages"
                    + " chromium and chromium-driver (./mailbox test does; by hand: apt-get install -y"
                    + " --no-install-recommends chromium chromium-driver)");
        }
        Path profile = Files.createTempDirectory(target, "chromium-profile-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--no-first-run", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriver driver = new ChromeDriver(service, options);
        try {
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            driver.manage().window().setSize(new Dimension(1400, 2400));
            driver.get(report.index().toUri().toString());
            JavascriptExecutor js = driver;
            List<WebElement> images = driver.findElements(By.cssSelector("img.picture"));
            assertEquals(report.machines().size() + report.counterexamples().size(), images.size(),
                    "one picture per state machine and per counterexample");
            assertFalse(report.machines().isEmpty());
            for (WebElement img : images) {
                Object natural = js.executeScript("return arguments[0].complete ? arguments[0].naturalWidth : -1", img);
                long width = ((Number) natural).longValue();
                assertTrue(width > 0, () -> img.getAttribute("src") + " did not render (naturalWidth " + width + ")");
                assertTrue(img.getSize().getWidth() > 0 && img.getSize().getHeight() > 0,
                        () -> img.getAttribute("src") + " has no size on the page");
            }
            for (Counterexample cx : report.counterexamples()) {
                WebElement section = driver.findElement(By.id("cx-" + cx.id()));
                assertTrue(section.isDisplayed());
                List<WebElement> rows = section.findElements(By.cssSelector("table.steps tr"));
                int closing = cx.loopBackTo().isPresent() ? 1 : 0;
                assertEquals(cx.steps().size() + 1 + closing, rows.size(),
                        () -> cx.id() + ": one row per step, a header, and the step closing a loop");
                WebElement picture = section.findElement(By.cssSelector("img.sequence"));
                assertTrue(picture.getSize().getHeight() > 100, () -> cx.id() + ": sequence diagram too small");
            }
            assertTrue(driver.findElement(By.id("coverage")).isDisplayed());
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            assertTrue(png.length > 10_000, "screenshot too small to show anything");
            Files.write(target.resolve("report-screenshot.png"), png);
            driver.findElement(By.id("cx-" + report.counterexamples().get(0).id())).getLocation();
            js.executeScript("document.getElementById(arguments[0]).scrollIntoView()",
                    "cx-" + report.counterexamples().get(0).id());
            Files.write(target.resolve("report-screenshot-counterexample.png"),
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } finally {
            driver.quit();
            Trees.deleteRecursively(profile);
        }
        assertTrue(new File(target.toFile(), "report-screenshot.png").length() > 0);
    }
}

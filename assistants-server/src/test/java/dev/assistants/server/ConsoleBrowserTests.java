package dev.assistants.server;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/browser} installs) against the server with two
 * projects' keys. It signs in, creates an assistant with a function, chats with it in the playground
 * (the answer streamed, the function call answered by hand), opens the thread to see the run and
 * its steps, and checks that the other project's key sees none of it. It takes the README's
 * screenshots on the way ({@code docs/console}).
 */
class ConsoleBrowserTests {

	private static final String CHROMIUM = "/usr/bin/chromium";

	private static final String DRIVER = "/usr/bin/chromedriver";

	private static final Path SCREENSHOTS = Path.of("..", "docs", "console");

	private static RunningServer server;

	private static ChromeDriver browser;

	private static WebDriverWait wait;

	@BeforeAll
	static void start() {
		assertThat(Path.of(CHROMIUM)).as("Chromium, which .ci/browser installs").isExecutable();
		assertThat(Path.of(DRIVER)).as("its driver, which .ci/browser installs").isExecutable();
		server = RunningServer.inMemory("assistants.server.api-keys[0].key=sk-console-a",
				"assistants.server.api-keys[0].project=console-a", "assistants.server.api-keys[1].key=sk-console-b",
				"assistants.server.api-keys[1].project=console-b", "assistants.server.console.enabled=true");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM)
			.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,860");
		browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build(),
				options);
		wait = new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	@AfterAll
	static void stop() {
		browser.quit();
		server.close();
	}

	@Test
	void createsAnAssistantChatsWithItAndShowsTheRunsSteps() throws IOException {
		browser.get(server.baseUrl().replace("/v1", "/"));
		signIn("sk-wrong");
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error"))).getText())
			.contains("Incorrect API key");
		signIn("sk-console-a");
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Assistants"));
		screenshot("sign-in-assistants");

		browser.findElement(By.linkText("New assistant")).click();
		type("name", "Shop helper");
		type("instructions", "Answer questions about orders.");
		type("functions", "[{\"name\": \"order_status\"");
		browser.findElement(By.cssSelector("form[aria-label=Assistant] button[type=submit]")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[aria-label=Assistant] [role=alert]"))).getText())
			.startsWith("Functions: not JSON");
		type("functions", """
				[{"name": "order_status", "description": "The status of an order",
				  "parameters": {"type": "object", "properties": {"order_id": {"type": "string"}}}}]""");
		browser.findElement(By.cssSelector("form[aria-label=Assistant] button[type=submit]")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Shop helper"));
		screenshot("assistant");

		browser.findElement(By.linkText("Playground")).click();
		new Select(wait.until(ExpectedConditions.elementToBeClickable(By.id("assistant")))).selectByVisibleText("Shop helper");
		type("message", "What is the status of order 42?");
		browser.findElement(By.id("send")).click();
		WebElement output = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("textarea[id^=output-]")));
		assertThat(browser.findElement(By.cssSelector("form[aria-label='Answer the function calls']")).getText())
			.contains("order_status", "{\"order_id\":\"42\"}");
		output.sendKeys("Order 42: shipped on Monday");
		screenshot("playground-function-call");
		browser.findElement(By.id("submit-outputs")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[aria-label=Conversation]"),
				"Here is what I found: Order 42: shipped on Monday"));
		screenshot("playground");

		browser.findElement(By.cssSelector("#thread-link a")).click();
		WebElement run = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.run")));
		wait.until(ExpectedConditions.textToBePresentInElement(run, "completed"));
		assertThat(run.getText()).contains("created ", " → started ", "function order_status", "{\"order_id\":\"42\"}",
				"→ Order 42: shipped on Monday", "Here is what I found: Order 42: shipped on Monday", "gpt-4o");
		assertThat(browser.findElement(By.cssSelector(".message.user")).getText()).contains("What is the status of order 42?");
		screenshot("thread");

		browser.findElement(By.linkText("Threads")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("tbody"))).getText())
			.contains("thread_");

		browser.findElement(By.linkText("Runs")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Runs"));
		assertThat(browser.findElement(By.id("view")).getText()).contains("completed 1", "gpt-4o");
		screenshot("runs");

		Path policy = Files.writeString(Files.createTempDirectory("console").resolve("returns-policy.md"),
				"# Returns\n\nYou can return any item within 30 days of delivery for a full refund.");
		browser.findElement(By.linkText("Files")).click();
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("upload"))).sendKeys(policy.toString());
		browser.findElement(By.cssSelector("form[aria-label='Upload files'] button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view table"), "returns-policy.md"));
		browser.findElement(By.linkText("Vector stores")).click();
		type("store-name", "Policies");
		browser.findElement(By.cssSelector("input[name=file]")).click();
		browser.findElement(By.cssSelector("form[aria-label='New vector store'] button")).click();
		wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#view table"), "completed"));
		type("query", "How long do I have to return an item?");
		browser.findElement(By.cssSelector("form[role=search] button")).click();
		assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[role=search] ol"))).getText())
			.contains("returns-policy.md", "within 30 days");
		screenshot("vector-store");

		browser.findElement(By.id("sign-out")).click();
		signIn("sk-console-b");
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Assistants"));
		assertThat(browser.findElement(By.id("view")).getText()).contains("No assistants yet.").doesNotContain("Shop helper");
		browser.findElement(By.linkText("Threads")).click();
		wait.until(ExpectedConditions.textToBe(By.cssSelector("#view h1"), "Threads"));
		assertThat(wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tbody"))).getText()).isEmpty();
	}

	private static void signIn(String key) {
		WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
		field.clear();
		field.sendKeys(key);
		browser.findElement(By.cssSelector("#sign-in button")).click();
	}

	private static void type(String id, String text) {
		WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
		field.clear();
		field.sendKeys(text);
	}

	private static void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
				StandardCopyOption.REPLACE_EXISTING);
	}

}

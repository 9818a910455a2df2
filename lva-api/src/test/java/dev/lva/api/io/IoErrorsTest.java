package dev.lva.api.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
    @TempDir
    Path dir;

    @Test
    void givesTheOperatingSystemsReasonNotThePathAgain() {
        // NIO's exceptions carry only the path in their message
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x/y")));
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x/y")));
        assertEquals("no space left on device",
                IoErrors.reason(new FileSystemException("/x/y", null, "No space left on device")));
        // java.io puts the reason in parentheses after the path
        assertEquals("no space left on device",
                IoErrors.reason(new FileNotFoundException("/x/y (No space left on device)")));
        assertEquals("cannot write /x/y: permission denied",
                IoErrors.describe("write", "/x/y", new AccessDeniedException("/x/y")));
    }

    @Test
    void aRealFailureSaysWhatTheSystemSaid() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> Files.createDirectories(file.resolve("sub")));
        assertEquals("cannot create " + file.resolve("sub") + ": not a directory",
                IoErrors.describe("create", file.resolve("sub"), e));
    }
}

package dev.lva.api.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;
import java.util.Locale;

/**
 * The operating system's reason for a failed file operation, in words a user reads ("permission
 * denied", "no space left on device", "not a directory"). Java's file exceptions often carry only
 * the path in their message ({@link AccessDeniedException}, {@link NoSuchFileException}), so
 * {@code "cannot write " + file + ": " + e.getMessage()} would repeat the path and drop the reason.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** The reason of {@code e}, without the path it is about. */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isBlank()) {
            return lower(f.getReason());
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "a file of that name exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "the directory is not empty";
        }
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // java.io reports "path (Reason)": keep the reason
        int open = m.lastIndexOf(" (");
        if (open > 0 && m.endsWith(")")) {
            return lower(m.substring(open + 2, m.length() - 1));
        }
        return m;
    }

    /** {@code "cannot <action> <path>: <reason>"}, the one line every write error gives. */
    public static String describe(String action, Object path, IOException e) {
        return "cannot " + action + " " + path + ": " + reason(e);
    }

    private static String lower(String reason) {
        return reason.isEmpty() ? reason : reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }
}

package dev.assistants.code.jupyter;

/**
 * The names files have in {@code /mnt/data}: plain names, never paths.
 */
final class FileNames {

	private FileNames() {
	}

	/** Whether a name a kernel gave is a file's name in {@code /mnt/data}, not a path. */
	static boolean isPlain(String name) {
		return name.equals(plain(name));
	}

	/** A file's name as it goes in {@code /mnt/data}: its last part, without control characters. */
	static String plain(String filename) {
		String name = filename.replaceAll("\\p{Cntrl}", "");
		name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
		return (name.isEmpty() || name.equals(".") || name.equals("..")) ? "file" : name;
	}

}

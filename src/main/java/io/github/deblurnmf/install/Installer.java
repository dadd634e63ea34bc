/*-
 * #%L
 * Deblur NMF: deblurring and non-negative matrix factorization for Fiji.
 * %%
 * Copyright (C) 2026 Deblur NMF developers.
 * %%
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 * 
 * 1. Redistributions of source code must retain the above copyright notice,
 *    this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 * #L%
 */
package io.github.deblurnmf.install;

import io.github.deblurnmf.io.AtomicFiles;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Installs the plugin jar and the libraries it needs into a Fiji.app, and uninstalls them:
 * {@code java -jar Deblur_NMF-<version>.jar --install <Fiji.app>} / {@code --uninstall <Fiji.app>}.
 * <p>
 * The libraries are the plugin jar's manifest {@code Class-Path} ({@code ../jars/…}). Each is
 * compared with Fiji's jars (everything under {@code jars/} and {@code plugins/}) by
 * groupId:artifactId and version from the jars' Maven metadata ({@link JarIdentity}), never by file
 * name alone. The policy:
 * </p>
 * <ul>
 * <li>Fiji lacks the library: ours is copied, with all its classifier (native) jars.</li>
 * <li>Fiji has it in the same or a newer version: ours is skipped and Fiji's serves the plugin
 * (semantic versioning: a newer release of one major version keeps its API). A native jar Fiji lacks
 * is copied only if Fiji's main jar has our very version.</li>
 * <li>Fiji has it in an older version: refused (the plugin may call what that version lacks); the
 * user updates Fiji and runs the install again. Fiji's jars are never deleted, replaced or
 * downgraded.</li>
 * <li>DL4J, ND4J and JavaCPP/OpenBLAS ({@link #PINNED_GROUPS}) load one native build together:
 * any other version in Fiji, older or newer, is refused.</li>
 * <li>A Fiji jar of another library with the base name of one of ours (Fiji's updater would take
 * them for two versions of one file), or at the very path of one of ours, is refused.</li>
 * </ul>
 * <p>
 * Every decision is made before anything is written; a refusal writes nothing. The files copied are
 * listed in {@link InstallRecord} ({@code jars/.deblur-nmf-installed}), so that a second run changes
 * nothing, an upgrade replaces or removes only the plugin's own files, and {@code --uninstall}
 * removes exactly those. Each file is copied to a temporary name in its folder and renamed into
 * place atomically once all are copied ({@link AtomicFiles}).
 * </p>
 */
public final class Installer {

	/**
	 * Groups whose jars must have exactly our version: ND4J 1.0.0-M2.1's native code was built against
	 * JavaCPP 1.5.7 and OpenBLAS 0.3.19-1.5.7, and any other build fails with UnsatisfiedLinkError.
	 */
	static final Set<String> PINNED_GROUPS = Set.of("org.nd4j", "org.deeplearning4j", "org.bytedeco");

	/** The outcome of one file. */
	enum Action {
		COPY("copied"), REPLACE("replaced"), KEEP("unchanged"), SKIP("skipped"), REMOVE("removed"), LEAVE("left"), REFUSE("refused");

		final String done;

		Action(final String done) {
			this.done = done;
		}

		boolean writes() {
			return this == COPY || this == REPLACE || this == REMOVE;
		}
	}

	/** One decision: what happens to the file at {@code path} (relative to Fiji.app) and why. */
	static final class Step {

		final Action action;
		final String path;
		final String reason;
		final Path source;
		final InstallRecord.Entry entry;

		Step(final Action action, final String path, final String reason, final Path source, final InstallRecord.Entry entry) {
			this.action = action;
			this.path = path;
			this.reason = reason;
			this.source = source;
			this.entry = entry;
		}

		String line() {
			return String.format("%-9s %s: %s", action.done, path, reason);
		}
	}

	/** A file the installer would copy: the plugin jar or one of its libraries. */
	private static final class Ours {

		final Path source;
		final String target;
		final JarIdentity identity;
		final String sha256;

		Ours(final Path source, final String target) throws IOException {
			this.source = source;
			this.target = target;
			this.identity = JarIdentity.read(source);
			this.sha256 = InstallRecord.sha256(source);
		}
	}

	/** A jar found in the Fiji.app. */
	private static final class FijiJar {

		final String path;
		final JarIdentity identity;

		FijiJar(final String path, final JarIdentity identity) {
			this.path = path;
			this.identity = identity;
		}
	}

	private final Path pluginJar;
	private final JarIdentity pluginIdentity;
	private final List<Path> libraries;
	private final PrintStream out;

	/**
	 * @param pluginJar the plugin jar; its manifest's Class-Path names the libraries to install
	 * @param out receives one line per file and a summary
	 * @throws InstallException if the jar has no Class-Path or a library it names is missing
	 */
	public Installer(final Path pluginJar, final PrintStream out) throws IOException, InstallException {
		this.pluginJar = pluginJar.toAbsolutePath().normalize();
		this.out = out;
		this.libraries = classPath(this.pluginJar);
		this.pluginIdentity = JarIdentity.read(this.pluginJar);
	}

	/** The files of the plugin jar's manifest Class-Path, which must all exist. */
	private static List<Path> classPath(final Path pluginJar) throws IOException, InstallException {
		if (!Files.isRegularFile(pluginJar)) throw new InstallException("The plugin jar is not a file: " + pluginJar);
		final Manifest manifest;
		try (JarFile jar = new JarFile(pluginJar.toFile())) {
			manifest = jar.getManifest();
		}
		final String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
		if (classPath == null || classPath.isBlank()) throw new InstallException(pluginJar + " has no Class-Path in its manifest: not a plugin jar built by mvn package");
		final URI base = pluginJar.getParent().toUri();
		final List<Path> files = new ArrayList<>();
		final List<String> missing = new ArrayList<>();
		for (final String item : classPath.trim().split("\\s+")) {
			final Path file = Paths.get(base.resolve(item)).normalize();
			if (Files.isRegularFile(file)) files.add(file);
			else missing.add(item);
		}
		if (!missing.isEmpty()) {
			throw new InstallException("Jars named in the Class-Path of " + pluginJar.getFileName() + " are missing: " + String.join(", ", missing) +
				" (run --install from target/fiji/plugins/ after mvn package, so that ../jars/ is beside it)");
		}
		return files;
	}

	// -- Install --

	/**
	 * Installs into {@code fiji}: plans every file, refuses before writing anything if a library
	 * conflicts with Fiji's, checks that the folders can be written, then copies.
	 *
	 * @return true if something changed, false if everything was installed already
	 * @throws InstallException on a refusal, an unwritable folder or a folder that is no Fiji.app
	 */
	public boolean install(final Path fiji) throws IOException, InstallException {
		final Path root = checkFiji(fiji);
		final InstallRecord record = InstallRecord.read(root);
		final List<Step> plan = planInstall(root, record);
		final String header = header(root);
		out.println(header);
		final List<Step> refused = plan.stream().filter(step -> step.action == Action.REFUSE).collect(Collectors.toList());
		if (!refused.isEmpty()) {
			refused.forEach(step -> out.println(step.line()));
			throw new InstallException(refused.size() == 1 ? refused.get(0).path + ": " + refused.get(0).reason + "; nothing was installed"
				: refused.size() + " jars conflict with Fiji's (the 'refused' lines above); nothing was installed");
		}
		final InstallRecord installed = InstallRecord.of(plan.stream().filter(step -> step.entry != null).map(step -> step.entry).collect(Collectors.toList()));
		final boolean writes = plan.stream().anyMatch(step -> step.action.writes());
		if (!writes && installed.sameFiles(record)) {
			plan.forEach(step -> out.println(step.line()));
			out.println("Nothing to do: Deblur NMF " + pluginIdentity.version() + " is installed already; nothing was changed.");
			return false;
		}
		checkWritable(root, plan);
		final Map<Step, Path> staged = new LinkedHashMap<>();
		try {
			for (final Step step : plan) {
				if (step.action == Action.COPY || step.action == Action.REPLACE) {
					staged.put(step, AtomicFiles.stage(root.resolve(step.path), tmp -> Files.copy(step.source, tmp)));
				}
			}
			// Listed before they are in place, so that even an interrupted install can be uninstalled.
			final List<InstallRecord.Entry> both = new ArrayList<>(record.entries());
			both.addAll(installed.entries());
			InstallRecord.of(both).write(root, header + " (in progress)");
			for (final Map.Entry<Step, Path> item : staged.entrySet()) {
				AtomicFiles.moveIntoPlace(item.getValue(), root.resolve(item.getKey().path));
			}
		}
		finally {
			for (final Path tmp : staged.values()) Files.deleteIfExists(tmp);
		}
		for (final Step step : plan) {
			if (step.action == Action.REMOVE) Files.deleteIfExists(root.resolve(step.path));
		}
		installed.write(root, header);
		plan.forEach(step -> out.println(step.line()));
		out.println(summary(plan) + "; recorded in " + root.relativize(InstallRecord.location(root)) + ". Restart Fiji: the commands are under Plugins > Deblur NMF.");
		return true;
	}

	/** Every decision of an install, in the order: plugin jar, libraries, files of an earlier install. */
	List<Step> planInstall(final Path root, final InstallRecord record) throws IOException {
		final List<FijiJar> fijiJars = fijiJars(root, record);
		final List<Ours> ours = new ArrayList<>();
		ours.add(new Ours(pluginJar, "plugins/" + pluginJar.getFileName()));
		for (final Path library : libraries) ours.add(new Ours(library, "jars/" + library.getFileName()));

		// The classifier jars of one library are decided together.
		final Map<String, List<Ours>> byLibrary = new LinkedHashMap<>();
		for (final Ours file : ours) byLibrary.computeIfAbsent(file.identity.library(), key -> new ArrayList<>()).add(file);

		final List<Step> plan = new ArrayList<>();
		for (final List<Ours> files : byLibrary.values()) plan.addAll(decide(root, record, files, fijiJars, files.get(0).source.equals(pluginJar)));

		final Set<String> targets = plan.stream().filter(step -> step.entry != null).map(step -> step.path).collect(Collectors.toCollection(LinkedHashSet::new));
		for (final InstallRecord.Entry entry : record.entries()) {
			if (targets.contains(entry.path)) continue;
			final Path file = root.resolve(entry.path);
			if (!Files.exists(file)) continue; // deleted since: nothing to do, dropped from the record
			if (record.owns(entry.path, file)) plan.add(new Step(Action.REMOVE, entry.path, "installed by an earlier --install (" + entry.coordinates + "), not needed now", null, null));
			else plan.add(new Step(Action.LEAVE, entry.path, "changed since an earlier --install put it there, so it is Fiji's now: left alone", null, null));
		}
		return plan;
	}

	/** The steps for the files of one library (one groupId:artifactId, all classifiers). */
	private List<Step> decide(final Path root, final InstallRecord record, final List<Ours> files, final List<FijiJar> fijiJars, final boolean isPlugin) throws IOException {
		final List<Step> steps = new ArrayList<>();
		final JarIdentity ours = files.get(0).identity;
		final String library = ours.library();
		final String byName = ours.fromMetadata() ? "" : " (" + files.get(0).source.getFileName() + " has no Maven metadata: matched by file name)";

		// Another library that Fiji's updater would take for ours.
		for (final Ours file : files) {
			final String base = JarIdentity.baseName(file.source.getFileName().toString());
			for (final FijiJar fijiJar : fijiJars) {
				if (fijiJar.identity.sameLibrary(ours)) continue;
				final String fijiName = Paths.get(fijiJar.path).getFileName().toString();
				if (base.equals(JarIdentity.baseName(fijiName)) || fijiJar.path.equals(file.target)) {
					steps.add(new Step(Action.REFUSE, file.target, library + " " + ours.version() + " has the file name of Fiji's " + fijiJar.path + " (" + fijiJar.identity.library() + " " +
						fijiJar.identity.version() + "), which Fiji's updater would take for another version of it: please report this to Deblur NMF", null, null));
				}
			}
		}
		if (!steps.isEmpty()) return steps;

		final List<FijiJar> same = fijiJars.stream().filter(fijiJar -> fijiJar.identity.sameLibrary(ours)).collect(Collectors.toList());
		if (isPlugin) {
			for (final FijiJar other : same) {
				if (other.path.equals(files.get(0).target)) continue; // target() decides: the same file copied by hand is fine
				steps.add(new Step(Action.REFUSE, other.path, "another Deblur NMF (" + other.identity.version() + ") that --install did not put there: delete it, then run --install again", null, null));
			}
			if (steps.isEmpty()) steps.add(target(root, record, files.get(0), "the plugin"));
			return steps;
		}
		if (same.isEmpty()) {
			for (final Ours file : files) steps.add(target(root, record, file, file.identity.coordinates() + ": Fiji does not have it" + byName));
			return steps;
		}
		FijiJar newest = same.get(0);
		for (final FijiJar fijiJar : same) if (fijiJar.identity.version().compareTo(newest.identity.version()) > 0) newest = fijiJar;
		final Version fijiVersion = newest.identity.version();
		final int order = fijiVersion.compareTo(ours.version());
		final String fijiHas = "Fiji has " + library + " " + fijiVersion + " (" + newest.path + ")";
		if (order != 0 && ours.groupId() != null && PINNED_GROUPS.contains(ours.groupId())) {
			for (final Ours file : files) {
				steps.add(new Step(Action.REFUSE, file.target, fijiHas + ", Deblur NMF needs exactly " + ours.version() +
					" (DL4J/ND4J 1.0.0-M2.1 and JavaCPP 1.5.7 load one native build together): Deblur NMF cannot run beside it; use a separate Fiji.app" + byName, null, null));
			}
			return steps;
		}
		if (order < 0) {
			for (final Ours file : files) {
				steps.add(new Step(Action.REFUSE, file.target, fijiHas + ", older than the " + ours.version() + " Deblur NMF needs: update Fiji (Help > Update...), then run --install again" + byName, null, null));
			}
			return steps;
		}
		final String why = order == 0 ? "the same version" : fijiVersion.major() == ours.version().major() ? "newer, same major version" :
			"a newer major version; Fiji's jars are never replaced, so Deblur NMF (built with " + ours.version() + ") uses it";
		for (final Ours file : files) {
			final boolean fijiHasThisJar = same.stream().anyMatch(fijiJar -> fijiJar.identity.classifier().equals(file.identity.classifier()));
			if (fijiHasThisJar) steps.add(new Step(Action.SKIP, file.target, fijiHas + ": " + why + byName, null, null));
			else if (order == 0) steps.add(target(root, record, file, file.identity.coordinates() + ": Fiji has this version but not this jar" + byName));
			else steps.add(new Step(Action.SKIP, file.target, fijiHas + ": " + why + ", and a " + ours.version() + " jar would not match it" + byName, null, null));
		}
		return steps;
	}

	/** Copy, replace or keep {@code file} at its target path. */
	private static Step target(final Path root, final InstallRecord record, final Ours file, final String why) throws IOException {
		final Path target = root.resolve(file.target);
		final InstallRecord.Entry entry = new InstallRecord.Entry(file.target, file.sha256, file.identity.coordinates());
		if (!Files.exists(target)) return new Step(Action.COPY, file.target, why, file.source, entry);
		if (!record.owns(file.target, target)) {
			// Same library at our path, not ours: decide() skipped or refused it; so this is the plugin jar put there by hand.
			if (InstallRecord.sha256(target).equals(file.sha256)) return new Step(Action.KEEP, file.target, why + ": the same file is there already (copied by hand), recorded now", null, entry);
			return new Step(Action.REFUSE, file.target, "a different file of that name is there already, not put there by --install: delete it, then run --install again", null, null);
		}
		if (record.get(file.target).sha256.equals(file.sha256)) return new Step(Action.KEEP, file.target, "installed already (" + file.identity.coordinates() + ")", null, entry);
		return new Step(Action.REPLACE, file.target, why + ": replaces the file of an earlier --install", file.source, entry);
	}

	// -- Uninstall --

	/**
	 * Removes the files the record lists whose bytes are still those installed, then the record.
	 *
	 * @return true if something was removed
	 */
	public static boolean uninstall(final Path fiji, final PrintStream out) throws IOException, InstallException {
		final Path root = checkFiji(fiji);
		final InstallRecord record = InstallRecord.read(root);
		out.println("Uninstalling Deblur NMF from " + root);
		if (record.isEmpty()) {
			out.println("Nothing to do: " + root.relativize(InstallRecord.location(root)) + " does not exist, so --install put nothing here; " +
				"a Deblur NMF copied by hand must be removed by hand (plugins/Deblur_NMF-*.jar and the jars copied with it).");
			return false;
		}
		final List<Step> plan = new ArrayList<>();
		for (final InstallRecord.Entry entry : record.entries()) {
			final Path file = root.resolve(entry.path);
			if (!Files.exists(file)) plan.add(new Step(Action.LEAVE, entry.path, "already gone", null, null));
			else if (record.owns(entry.path, file)) plan.add(new Step(Action.REMOVE, entry.path, entry.coordinates, null, null));
			else plan.add(new Step(Action.LEAVE, entry.path, "changed since --install put it there, so it is Fiji's now: left alone", null, null));
		}
		final List<Step> all = new ArrayList<>(plan);
		all.add(new Step(Action.REMOVE, root.relativize(InstallRecord.location(root)).toString(), "the install record", null, null));
		checkWritable(root, all);
		for (final Step step : plan) {
			if (step.action == Action.REMOVE) Files.delete(root.resolve(step.path));
		}
		Files.delete(InstallRecord.location(root));
		all.forEach(step -> out.println(step.line()));
		out.println(summary(plan) + ". Fiji's own jars were not touched.");
		return true;
	}

	// -- Helpers --

	/** The Fiji.app folder, absolute; it must have jars/ and plugins/. */
	private static Path checkFiji(final Path fiji) throws InstallException {
		final Path root = fiji.toAbsolutePath().normalize();
		if (!Files.isDirectory(root)) throw new InstallException("Not a folder: " + root + " (give the Fiji.app folder)");
		if (!Files.isDirectory(root.resolve("jars")) || !Files.isDirectory(root.resolve("plugins"))) {
			throw new InstallException(root + " does not look like a Fiji.app: it has no jars/ and plugins/ folders");
		}
		return root;
	}

	/**
	 * Tries to create a file in every folder the plan writes to: Files.isWritable says yes to root on
	 * a read-only mount or an immutable folder, so only trying tells.
	 */
	private static void checkWritable(final Path root, final List<Step> plan) throws InstallException {
		final Set<Path> folders = new LinkedHashSet<>();
		folders.add(root.resolve("jars")); // the install record
		for (final Step step : plan) if (step.action.writes()) folders.add(root.resolve(step.path).getParent());
		for (final Path folder : folders) {
			if (!AtomicFiles.canCreateFileIn(folder)) {
				throw new InstallException("Cannot write into " + folder + ": run as a user who may change this Fiji.app; nothing was changed");
			}
		}
	}

	/** Every jar under jars/ and plugins/ that the record does not own. */
	private static List<FijiJar> fijiJars(final Path root, final InstallRecord record) throws IOException {
		final List<FijiJar> jars = new ArrayList<>();
		for (final String folder : new String[] { "jars", "plugins" }) {
			final List<Path> files;
			try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
				files = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") && !p.getFileName().toString().startsWith("."))
					.sorted().collect(Collectors.toList());
			}
			for (final Path file : files) {
				final String path = root.relativize(file).toString().replace('\\', '/');
				if (record.owns(path, file)) continue;
				try {
					jars.add(new FijiJar(path, JarIdentity.read(file)));
				}
				catch (final IOException e) {
					// Not a zip: Java cannot load classes from it either, so it competes with nothing.
				}
			}
		}
		return jars;
	}

	private String header(final Path root) {
		return "Deblur NMF " + pluginIdentity.version() + " (" + pluginJar.getFileName() + ") into " + root;
	}

	private static String summary(final List<Step> plan) {
		final Map<Action, Integer> counts = new LinkedHashMap<>();
		for (final Action action : Action.values()) counts.put(action, 0);
		for (final Step step : plan) counts.merge(step.action, 1, Integer::sum);
		return counts.entrySet().stream().filter(e -> e.getValue() > 0).map(e -> e.getValue() + " " + e.getKey().done).collect(Collectors.joining(", "));
	}
}

import ij.IJ;
import ij.Menus;

import java.awt.Menu;
import java.awt.MenuBar;
import java.awt.MenuItem;
import java.util.ArrayList;
import java.util.List;

import net.imagej.ImageJ;

import org.scijava.menu.MenuService;
import org.scijava.menu.ShadowMenu;
import org.scijava.module.ModuleInfo;
import org.scijava.plugin.PluginService;
import org.scijava.run.RunService;
import org.scijava.search.SearchResult;
import org.scijava.search.Searcher;
import org.scijava.search.module.ModuleSearchResult;
import org.scijava.search.module.ModuleSearcher;

/**
 * What a Fiji user finds for each label, in the GUI: the results of the search bar's "Commands"
 * searcher (scijava-search's ModuleSearcher, over every module ImageJ2 knows, the ImageJ 1 menu entries
 * that imagej-legacy wraps included), the items of the menu bar (ImageJ 1's, which Fiji shows) and of
 * SciJava's menu tree, and whether {@code --run "<label>"} (SciJava's RunService, which looks the label
 * up among the SciJava commands) finds a command. Each label must appear exactly once in the search bar
 * and in both menus, and be runnable by label. Prints one line per label, exits 1 if any fails.
 * <p>
 * The GUI, because imagej-legacy wraps the entries of plugin jars only once ImageJ 1 has built its
 * menus: headless, the search bar's modules lack them. Run in source-file mode on a Fiji-like folder,
 * under Xvfb, with the options of bin/imagej2:
 * {@code java <options> -cp "<Fiji.app>/jars/*:<Fiji.app>/plugins/*" SearchBarCheck.java <command label>... [-- <menu-only label>...]};
 * the labels after {@code --} are ImageJ 1 entries without a SciJava command (not for {@code --run}).
 * </p>
 */
public class SearchBarCheck {

	public static void main(final String[] args) throws InterruptedException {
		final List<String> labels = new ArrayList<>(List.of(args));
		final int separator = labels.indexOf("--");
		final List<String> commands = new ArrayList<>(separator < 0 ? labels : labels.subList(0, separator));
		if (separator >= 0) labels.remove(separator);
		final ImageJ imagej = new ImageJ();
		imagej.ui().showUI();
		waitForLegacyMenus(imagej);
		final ModuleSearcher searcher = imagej.context().service(PluginService.class).createInstancesOfType(Searcher.class).stream()
			.filter(ModuleSearcher.class::isInstance).map(ModuleSearcher.class::cast).findFirst()
			.orElseThrow(() -> new IllegalStateException("no ModuleSearcher: scijava-search is missing"));
		final RunService run = imagej.context().service(RunService.class);
		boolean allOnce = true;
		for (final String label : labels) {
			final List<String> found = new ArrayList<>();
			for (final SearchResult result : searcher.search(label, false)) {
				if (label.equals(result.name())) found.add(describe(((ModuleSearchResult) result).info()));
			}
			final List<String> menuTree = new ArrayList<>();
			collectLeaves(imagej.context().service(MenuService.class).getMenu(), label, menuTree);
			final List<String> menuBar = new ArrayList<>();
			final MenuBar bar = Menus.getMenuBar();
			for (int i = 0; i < bar.getMenuCount(); i++) collectItems(bar.getMenu(i), "", label, menuBar);
			final boolean runnable = run.supports(label);
			final boolean ok = found.size() == 1 && menuBar.size() == 1 && menuTree.size() == 1 && runnable == commands.contains(label);
			allOnce &= ok;
			System.out.println((ok ? "ok     " : "FAILED ") + "\"" + label + "\": search bar " + found.size() + ", menu bar " + menuBar.size() +
				", menu tree " + menuTree.size() + ", --run finds it: " + runnable);
			// What was found, where a count is wrong: which module (ours or imagej-legacy's wrapper) and which menu.
			if (!ok) System.out.println("       search bar " + found + ", menu bar " + menuBar + ", menu tree " + menuTree);
		}
		System.exit(allOnce ? 0 : 1);
	}

	/** Until ImageJ 1 shows its menu bar and the number of modules stops changing (imagej-legacy adds its entries then). */
	private static void waitForLegacyMenus(final ImageJ imagej) throws InterruptedException {
		final long deadline = System.currentTimeMillis() + 120_000;
		int modules = -1;
		while (IJ.getInstance() == null || Menus.getMenuBar() == null || modules != imagej.module().getModules().size()) {
			if (System.currentTimeMillis() > deadline) throw new IllegalStateException("ImageJ 1's GUI did not come up within 2 minutes");
			modules = imagej.module().getModules().size();
			Thread.sleep(1000);
		}
	}

	/** The module's class (a SciJava command, or imagej-legacy's wrapper of an ImageJ 1 entry) and its menu path. */
	private static String describe(final ModuleInfo info) {
		return info.getClass().getSimpleName() + " " + info.getDelegateClassName() + " menu=" + info.getMenuPath() + " visible=" + info.isVisible();
	}

	private static void collectItems(final Menu menu, final String path, final String label, final List<String> found) {
		for (int i = 0; i < menu.getItemCount(); i++) {
			final MenuItem item = menu.getItem(i);
			if (item instanceof Menu) collectItems((Menu) item, path + menu.getLabel() + ">", label, found);
			else if (label.equals(item.getLabel())) found.add(path + menu.getLabel());
		}
	}

	private static void collectLeaves(final ShadowMenu menu, final String label, final List<String> found) {
		if (menu.isLeaf() && label.equals(menu.getName())) found.add(menu.getModuleInfo().getMenuPath().toString());
		for (final ShadowMenu child : menu.getChildren()) collectLeaves(child, label, found);
	}
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ExportDialog</name>
    <message>
        <source>White background (for papers)</source>
        <translation>白色背景（用于论文）</translation>
    </message>
    <message>
        <source>Export Image</source>
        <translation>导出图像</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>File (.png .jpg .pdf .svg)</source>
        <translation>文件（.png .jpg .pdf .svg）</translation>
    </message>
    <message>
        <source>Width (px)</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>Height (px)</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>Scale (2× for slides)</source>
        <translation>缩放（幻灯片用 2×）</translation>
    </message>
    <message>
        <source>%1: choose a file ending in .png, .jpg, .pdf or .svg.</source>
        <translation>%1：请选择以 .png、.jpg、.pdf 或 .svg 结尾的文件。</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg);;PDF 文档 (*.pdf);;SVG 矢量图 (*.svg)</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>AI Math Lab Help</source>
        <translation>AI 数学实验室帮助</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>This page is not yet available in your language; here is the English version.</source>
        <translation>本页尚无中文版本，以下为英文原文。</translation>
    </message>
    <message>
        <source>There is no help page for this topic yet.</source>
        <translation>此主题暂无帮助页面。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>AI Math Lab</source>
        <translation>AI 数学实验室</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Session…</source>
        <translation>打开会话(&amp;S)…</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Open &amp;Embeddings…</source>
        <translation>打开嵌入文件(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Export Image…</source>
        <translation>导出图像(&amp;E)…</translation>
    </message>
    <message>
        <source>Export &amp;Data…</source>
        <translation>导出数据(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Copy Image</source>
        <translation>复制图像(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Reset Tab</source>
        <translation>重置标签页(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About AI Math Lab</source>
        <translation>关于 AI 数学实验室(&amp;A)</translation>
    </message>
    <message>
        <source>Cannot read session %1: %2</source>
        <translation>无法读取会话 %1：%2</translation>
    </message>
    <message>
        <source>Cannot read session %1: the file is larger than 64 MiB</source>
        <translation>无法读取会话 %1：文件大于 64 MiB</translation>
    </message>
    <message>
        <source>Session %1: %2</source>
        <translation>会话 %1：%2</translation>
    </message>
    <message>
        <source>Cannot write %1: no tab is open</source>
        <translation>无法写入 %1：没有打开的标签页</translation>
    </message>
    <message>
        <source>Cannot write %1: the %2 tab has no table to write as CSV; use .json</source>
        <translation>无法写入 %1：%2 标签页没有可写为 CSV 的表格；请使用 .json</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Export Data</source>
        <translation>导出数据</translation>
    </message>
    <message>
        <source>JSON (*.json);;CSV table (*.csv)</source>
        <translation>JSON (*.json);;CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Figure copied to the clipboard</source>
        <translation>图像已复制到剪贴板</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>AI Math Lab session (*.json);;All files (*)</source>
        <translation>AI 数学实验室会话 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Save Session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>AI Math Lab session (*.json)</source>
        <translation>AI 数学实验室会话 (*.json)</translation>
    </message>
    <message>
        <source>Open Embeddings</source>
        <translation>打开嵌入文件</translation>
    </message>
    <message>
        <source>Embedding files (*.txt *.vec *.bin *.tsv *.csv *.npy);;All files (*)</source>
        <translation>嵌入文件 (*.txt *.vec *.bin *.tsv *.csv *.npy);;所有文件 (*)</translation>
    </message>
    <message>
        <source>About AI Math Lab</source>
        <translation>关于 AI 数学实验室</translation>
    </message>
    <message>
        <source>&lt;h3&gt;AI Math Lab %1&lt;/h3&gt;&lt;p&gt;See the mathematics behind large models: embeddings and PCA, attention, gradient descent, distributions and entropy, floating-point precision.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3) · Eigen %4.%5.%6 · QCustomPlot %7&lt;/p&gt;&lt;p&gt;Free software under the GNU General Public License, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;AI 数学实验室 %1&lt;/h3&gt;&lt;p&gt;看见大模型背后的数学：嵌入与主成分分析、注意力、梯度下降、概率分布与熵、浮点精度。&lt;/p&gt;&lt;p&gt;Qt %2（编译时 %3）· Eigen %4.%5.%6 · QCustomPlot %7&lt;/p&gt;&lt;p&gt;自由软件，依据 GNU 通用公共许可证第 3 版或（由您选择）任何更新的版本发布。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>compute %1 ms · replot %2 ms</source>
        <translation>计算 %1 ms · 重绘 %2 ms</translation>
    </message>
    <message>
        <source>Save Image</source>
        <translation>保存图像</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG 图像 (*.png);;JPEG 图像 (*.jpg *.jpeg);;PDF 文档 (*.pdf);;SVG 矢量图 (*.svg)</translation>
    </message>
    <message>
        <source>Export Plot Data</source>
        <translation>导出绘图数据</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Contents</source>
        <translation>目录(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>Plot copied to the clipboard</source>
        <translation>图表已复制到剪贴板</translation>
    </message>
    <message>
        <source>The previous data export is still being prepared; Export Data is available again once it is written.</source>
        <translation>上一次数据导出仍在准备中；写入完成后才能再次导出数据。</translation>
    </message>
    <message>
        <source>%1 is still being written; Export Data is available again once it is.</source>
        <translation>%1 仍在写入中；写入完成后才能再次导出数据。</translation>
    </message>
    <message>
        <source>Writing %1… %2 MB</source>
        <translation>正在写入 %1… %2 MB</translation>
    </message>
    <message>
        <source>The window closes once the data export is written…</source>
        <translation>数据导出写入完成后窗口将关闭…</translation>
    </message>
    <message>
        <source>Nothing was written to %1: its tab could not be rebuilt</source>
        <translation>%1 未写入：无法重建它的标签页</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>命令</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Plots: wheel to zoom and drag to pan where a plot can be explored; right-click for Save image, Copy image, Export data and Reset view.</source>
        <translation>绘图：可探索的图中，滚轮缩放、拖动平移；右键菜单可保存图像、复制图像、导出数据和重置视图。</translation>
    </message>
</context>
<context>
    <name>aimath::Session</name>
    <message>
        <source>not valid JSON at byte %1: %2</source>
        <translation>第 %1 字节处不是有效的 JSON：%2</translation>
    </message>
    <message>
        <source>not a session: the top level is not a JSON object</source>
        <translation>不是会话文件：顶层不是 JSON 对象</translation>
    </message>
    <message>
        <source>not an AI Math Lab session (&quot;format&quot; is not &quot;aimathlab-session&quot;)</source>
        <translation>不是 AI 数学实验室会话（&quot;format&quot; 不是 &quot;aimathlab-session&quot;）</translation>
    </message>
    <message>
        <source>&quot;version&quot; is missing or not a positive integer</source>
        <translation>&quot;version&quot; 缺失或不是正整数</translation>
    </message>
    <message>
        <source>session version %1 is newer than this program understands (%2)</source>
        <translation>会话版本 %1 比本程序支持的版本（%2）更新</translation>
    </message>
    <message>
        <source>&quot;tab&quot;: unknown tab &quot;%1&quot;</source>
        <translation>&quot;tab&quot;：未知的标签页 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;tabs&quot; is missing or not an object</source>
        <translation>&quot;tabs&quot; 缺失或不是对象</translation>
    </message>
    <message>
        <source>tabs.%1: unknown tab</source>
        <translation>tabs.%1：未知的标签页</translation>
    </message>
    <message>
        <source>tabs.%1: expected an object of parameters</source>
        <translation>tabs.%1：应为参数对象</translation>
    </message>
    <message>
        <source>tabs.%1.%2: unknown parameter</source>
        <translation>tabs.%1.%2：未知参数</translation>
    </message>
    <message>
        <source>%1: expected a number</source>
        <translation>%1：应为数字</translation>
    </message>
    <message>
        <source>%1: expected an integer</source>
        <translation>%1：应为整数</translation>
    </message>
    <message>
        <source>%1: expected true or false</source>
        <translation>%1：应为 true 或 false</translation>
    </message>
    <message>
        <source>%1: expected a string</source>
        <translation>%1：应为字符串</translation>
    </message>
    <message>
        <source>%1: expected an array of numbers</source>
        <translation>%1：应为数字数组</translation>
    </message>
    <message>
        <source>%1: expected an array of strings</source>
        <translation>%1：应为字符串数组</translation>
    </message>
    <message>
        <source>%1: unsupported type</source>
        <translation>%1：不支持的类型</translation>
    </message>
</context>
<context>
    <name>aimath::ThemeMenu</name>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
</TS>

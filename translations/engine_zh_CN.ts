<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>aimath::engine</name>
    <message>
        <source>at least %1 entries</source>
        <translation>至少 %1 项</translation>
    </message>
    <message>
        <source>%1 to %2 entries</source>
        <translation>%1 到 %2 项</translation>
    </message>
    <message>
        <source>%1: %2 entries given, %3 allowed</source>
        <translation>%1：给出了 %2 项，允许 %3</translation>
    </message>
    <message>
        <source>%1: expected a real number</source>
        <translation>%1：应为实数</translation>
    </message>
    <message>
        <source>%1: %2 is out of range %3</source>
        <translation>%1：%2 超出范围 %3</translation>
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
        <source>%1: expected one of %2</source>
        <translation>%1：应为 %2 之一</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not one of %3</source>
        <translation>%1：&quot;%2&quot; 不是 %3 之一</translation>
    </message>
    <message>
        <source>%1: expected text</source>
        <translation>%1：应为文本</translation>
    </message>
    <message>
        <source>%1: longer than %2 characters</source>
        <translation>%1：超过 %2 个字符</translation>
    </message>
    <message>
        <source>%1: expected a comma-separated list of numbers</source>
        <translation>%1：应为逗号分隔的数字列表</translation>
    </message>
    <message>
        <source>%1: entry %2 (%3) is out of range %4</source>
        <translation>%1：第 %2 项（%3）超出范围 %4</translation>
    </message>
    <message>
        <source>%1: expected a comma-separated list</source>
        <translation>%1：应为逗号分隔的列表</translation>
    </message>
    <message>
        <source>%1: entry %2 &quot;%3&quot; is not one of %4</source>
        <translation>%1：第 %2 项 &quot;%3&quot; 不是 %4 之一</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is listed twice</source>
        <translation>%1：&quot;%2&quot; 出现了两次</translation>
    </message>
    <message>
        <source>%1: entry %2 is longer than %3 characters</source>
        <translation>%1：第 %2 项超过 %3 个字符</translation>
    </message>
    <message>
        <source>%1: unsupported type</source>
        <translation>%1：不支持的类型</translation>
    </message>
    <message>
        <source>unknown parameter &quot;%1&quot;</source>
        <translation>未知参数 &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>expected a number, got nothing</source>
        <translation>应为数字，但没有输入</translation>
    </message>
    <message>
        <source>expected a number, got %1</source>
        <translation>应为数字，得到的是 %1</translation>
    </message>
    <message>
        <source>%1 is outside the range of a double</source>
        <translation>%1 超出双精度浮点数的范围</translation>
    </message>
    <message>
        <source>expected an integer, got nothing</source>
        <translation>应为整数，但没有输入</translation>
    </message>
    <message>
        <source>%1 is too large for an integer</source>
        <translation>%1 超出整数的范围</translation>
    </message>
    <message>
        <source>expected an integer, got %1</source>
        <translation>应为整数，得到的是 %1</translation>
    </message>
    <message>
        <source>expected true/false, 1/0 or on/off, got %1</source>
        <translation>应为 true/false、1/0 或 on/off，得到的是 %1</translation>
    </message>
    <message>
        <source>entry %1: %2</source>
        <translation>第 %1 项：%2</translation>
    </message>
    <message>
        <source>%1: %2: %3</source>
        <translation>%1：%2：%3</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>第 %1 行第 %2 列</translation>
    </message>
    <message>
        <source>byte %1</source>
        <translation>第 %1 字节</translation>
    </message>
    <message>
        <source>loading cancelled</source>
        <translation>加载已取消</translation>
    </message>
    <message>
        <source>a table of %1 × %2 values needs %3 but only %4 of memory are available</source>
        <translation>%1 × %2 个值的表需要 %3，但可用内存只有 %4</translation>
    </message>
    <message>
        <source>%1 rows of %2 values need at least %3 of text but the file has %4 bytes</source>
        <translation>%1 行、每行 %2 个值至少需要 %3 的文本，但文件只有 %4 字节</translation>
    </message>
    <message>
        <source>NaN is not allowed in a vector (%1)</source>
        <translation>向量中不允许出现 NaN（%1）</translation>
    </message>
    <message>
        <source>infinity is not allowed in a vector (%1)</source>
        <translation>向量中不允许出现无穷大（%1）</translation>
    </message>
    <message>
        <source>%1 is outside the float32 range</source>
        <translation>%1 超出 float32 的范围</translation>
    </message>
    <message>
        <source>%1 is not a number</source>
        <translation>%1 不是数字</translation>
    </message>
    <message>
        <source>binary data (byte %1) in a text file; for binary files use format=word2vec-binary or a .npy file</source>
        <translation>文本文件中有二进制数据（字节 %1）；二进制文件请用 format=word2vec-binary 或 .npy 文件</translation>
    </message>
    <message>
        <source>a word2vec text file starts with &quot;&lt;count&gt; &lt;dimension&gt;&quot;, found %1</source>
        <translation>word2vec 文本文件应以 &quot;&lt;count&gt; &lt;dimension&gt;&quot; 开头，实际为 %1</translation>
    </message>
    <message>
        <source>header declares %1 × %2 values: nothing to load</source>
        <translation>文件头声明了 %1 × %2 个值：没有可加载的数据</translation>
    </message>
    <message>
        <source>header declares %1 rows of %2 values, which needs at least %3 but only %4 bytes follow</source>
        <translation>文件头声明了 %1 行、每行 %2 个值，至少需要 %3，但其后只有 %4 字节</translation>
    </message>
    <message>
        <source>header declares %1 dimensions; at most %2 are supported</source>
        <translation>文件头声明了 %1 维；最多支持 %2 维</translation>
    </message>
    <message>
        <source>header declares %1 rows but the file has %2</source>
        <translation>文件头声明了 %1 行，但文件有 %2 行</translation>
    </message>
    <message>
        <source>the file has no data rows (only blank lines)</source>
        <translation>文件没有数据行（只有空行）</translation>
    </message>
    <message>
        <source>expected a word followed by its vector, found %1</source>
        <translation>应为一个词后跟它的向量，实际为 %1</translation>
    </message>
    <message>
        <source>more than %1 values on one line (%2); at most %3 dimensions are supported</source>
        <translation>一行中超过 %1 个值（%2）；最多支持 %3 维</translation>
    </message>
    <message>
        <source>the first row has %1 values, but %2</source>
        <translation>第一行有 %1 个值，但 %2</translation>
    </message>
    <message>
        <source>not enough memory for %1 × %2 values</source>
        <translation>内存不足，放不下 %1 × %2 个值</translation>
    </message>
    <message>
        <source>expected a word and %1 values, found %2 values</source>
        <translation>应为一个词和 %1 个值，实际有 %2 个值</translation>
    </message>
    <message>
        <source>more than %1</source>
        <translation>超过 %1</translation>
    </message>
    <message>
        <source>not enough memory to load this file</source>
        <translation>内存不足，无法加载此文件</translation>
    </message>
    <message>
        <source>more than %1 columns on one line (%2); at most %3 dimensions are supported</source>
        <translation>一行中超过 %1 列（%2）；最多支持 %3 维</translation>
    </message>
    <message>
        <source>the header has %1 columns but this row has %2</source>
        <translation>表头有 %1 列，但这一行有 %2 列</translation>
    </message>
    <message>
        <source>no numeric column: expected a vector of numbers</source>
        <translation>没有数值列：应为由数字组成的向量</translation>
    </message>
    <message>
        <source>expected %1 columns (%2 values and a label), found %3</source>
        <translation>应为 %1 列（%2 个值和一个标签），实际有 %3 列</translation>
    </message>
    <message>
        <source>expected %1 columns (%2 values), found %3</source>
        <translation>应为 %1 列（%2 个值），实际有 %3 列</translation>
    </message>
    <message>
        <source>cannot open the metadata file</source>
        <translation>无法打开元数据文件</translation>
    </message>
    <message>
        <source>binary data in a metadata file</source>
        <translation>元数据文件中有二进制数据</translation>
    </message>
    <message>
        <source>the metadata file is empty</source>
        <translation>元数据文件为空</translation>
    </message>
    <message>
        <source>has %1 label rows after its header but the vectors file has %2 rows</source>
        <translation>表头之后有 %1 行标签，但向量文件有 %2 行</translation>
    </message>
    <message>
        <source>has %1 label rows but the vectors file has %2 rows</source>
        <translation>有 %1 行标签，但向量文件有 %2 行</translation>
    </message>
    <message>
        <source>expected %1 columns like the header, found %2</source>
        <translation>应与表头一样有 %1 列，实际有 %2 列</translation>
    </message>
    <message>
        <source>a word2vec binary file starts with a text line &quot;&lt;count&gt; &lt;dimension&gt;&quot;</source>
        <translation>word2vec 二进制文件应以文本行 &quot;&lt;count&gt; &lt;dimension&gt;&quot; 开头</translation>
    </message>
    <message>
        <source>a word2vec binary file starts with &quot;&lt;count&gt; &lt;dimension&gt;&quot;, found %1</source>
        <translation>word2vec 二进制文件应以 &quot;&lt;count&gt; &lt;dimension&gt;&quot; 开头，实际为 %1</translation>
    </message>
    <message>
        <source>header declares %1 rows of %2 float32 values (at least %3 bytes) but only %4 bytes follow: the file is truncated or the header is wrong</source>
        <translation>文件头声明了 %1 行、每行 %2 个 float32 值（至少 %3 字节），但其后只有 %4 字节：文件被截断或文件头有误</translation>
    </message>
    <message>
        <source>row %1 of %2: the file ends inside the word (truncated)</source>
        <translation>第 %1 行（共 %2 行）：文件在词的中间结束（已截断）</translation>
    </message>
    <message>
        <source>row %1: no space after the word within 1000 bytes: not a word2vec binary file?</source>
        <translation>第 %1 行：词之后 1000 字节内没有空格：不是 word2vec 二进制文件？</translation>
    </message>
    <message>
        <source>row %1 (%2) needs %3 bytes of float32 values but only %4 remain (truncated)</source>
        <translation>第 %1 行（%2）需要 %3 字节的 float32 值，但只剩 %4 字节（已截断）</translation>
    </message>
    <message>
        <source>row %1 (%2), value %3 is NaN</source>
        <translation>第 %1 行（%2）的第 %3 个值是 NaN</translation>
    </message>
    <message>
        <source>row %1 (%2), value %3 is infinite</source>
        <translation>第 %1 行（%2）的第 %3 个值是无穷大</translation>
    </message>
    <message>
        <source>%1 bytes follow the %2 rows the header declares: the header is wrong</source>
        <translation>文件头声明的 %2 行之后还有 %1 字节：文件头有误</translation>
    </message>
    <message>
        <source>not a NumPy .npy file (the magic string \x93NUMPY is missing)</source>
        <translation>不是 NumPy .npy 文件（缺少魔数字符串 \x93NUMPY）</translation>
    </message>
    <message>
        <source>truncated .npy header (the file ends after %1 bytes)</source>
        <translation>.npy 文件头被截断（文件在 %1 字节后结束）</translation>
    </message>
    <message>
        <source>unsupported .npy format version %1 (1, 2 and 3 are supported)</source>
        <translation>不支持的 .npy 格式版本 %1（支持 1、2 和 3）</translation>
    </message>
    <message>
        <source>truncated .npy header</source>
        <translation>.npy 文件头被截断</translation>
    </message>
    <message>
        <source>the header length %1 runs past the end of the file (%2 bytes): truncated .npy file</source>
        <translation>文件头长度 %1 超出了文件末尾（%2 字节）：.npy 文件被截断</translation>
    </message>
    <message>
        <source>the .npy header lacks &apos;descr&apos;, &apos;fortran_order&apos; or &apos;shape&apos;: %1</source>
        <translation>.npy 文件头缺少 &apos;descr&apos;、&apos;fortran_order&apos; 或 &apos;shape&apos;：%1</translation>
    </message>
    <message>
        <source>unsupported dtype &apos;%1&apos;: only float32 (&lt;f4) and float64 (&lt;f8) arrays can be loaded</source>
        <translation>不支持的 dtype &apos;%1&apos;：只能加载 float32 (&lt;f4) 和 float64 (&lt;f8) 数组</translation>
    </message>
    <message>
        <source>fortran_order must be True or False, found %1</source>
        <translation>fortran_order 必须是 True 或 False，实际为 %1</translation>
    </message>
    <message>
        <source>malformed shape %1</source>
        <translation>shape 格式错误：%1</translation>
    </message>
    <message>
        <source>shape %1 has %2 dimensions; a table of vectors needs shape (rows, dim)</source>
        <translation>shape %1 有 %2 维；向量表需要 shape (rows, dim)</translation>
    </message>
    <message>
        <source>shape %1 holds no values</source>
        <translation>shape %1 不含任何值</translation>
    </message>
    <message>
        <source>truncated: shape %1 of %2 needs %3 bytes of data but only %4 follow</source>
        <translation>已截断：shape 为 %1 的 %2 数组需要 %3 字节数据，但其后只有 %4 字节</translation>
    </message>
    <message>
        <source>%1 bytes follow the data the shape declares</source>
        <translation>shape 声明的数据之后还有 %1 字节</translation>
    </message>
    <message>
        <source>row %1, column %2 is NaN</source>
        <translation>第 %1 行第 %2 列是 NaN</translation>
    </message>
    <message>
        <source>row %1, column %2 is infinite</source>
        <translation>第 %1 行第 %2 列是无穷大</translation>
    </message>
    <message>
        <source>row %1, column %2 is outside the float32 range</source>
        <translation>第 %1 行第 %2 列超出 float32 的范围</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>文件为空</translation>
    </message>
    <message>
        <source>cannot open the file: %1</source>
        <translation>无法打开文件：%1</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <source>cannot map the file into memory: %1</source>
        <translation>无法将文件映射到内存：%1</translation>
    </message>
    <message>
        <source>expression: %1</source>
        <translation>expression：%1</translation>
    </message>
    <message>
        <source>expected an expression, found end of input</source>
        <translation>应为表达式，但输入已结束</translation>
    </message>
    <message>
        <source>expected an operator (+ - * / ^) or the end of the expression, found %1</source>
        <translation>应为运算符（+ - * / ^）或表达式结尾，实际为 %1</translation>
    </message>
    <message>
        <source>end of input</source>
        <translation>输入结尾</translation>
    </message>
    <message>
        <source>expression nested deeper than %1 levels</source>
        <translation>表达式嵌套超过 %1 层</translation>
    </message>
    <message>
        <source>expected a number, x, y, a function or &apos;(&apos;, found end of input</source>
        <translation>应为数字、x、y、函数或 &apos;(&apos;，但输入已结束</translation>
    </message>
    <message>
        <source>expected &apos;)&apos; to close the &apos;(&apos; at column %1, found %2</source>
        <translation>应为 &apos;)&apos; 以闭合第 %1 列的 &apos;(&apos;，实际为 %2</translation>
    </message>
    <message>
        <source>expected a number, x, y, a function or &apos;(&apos;, found %1</source>
        <translation>应为数字、x、y、函数或 &apos;(&apos;，实际为 %1</translation>
    </message>
    <message>
        <source>expected digits in the number</source>
        <translation>数字中缺少数位</translation>
    </message>
    <message>
        <source>expected digits after the exponent &apos;e&apos; of the number</source>
        <translation>数字的指数 &apos;e&apos; 之后缺少数位</translation>
    </message>
    <message>
        <source>invalid number: %1</source>
        <translation>无效的数字：%1</translation>
    </message>
    <message>
        <source>number out of range: %1</source>
        <translation>数字超出范围：%1</translation>
    </message>
    <message>
        <source>expected &apos;(&apos; after the function %1, found %2</source>
        <translation>函数 %1 之后应为 &apos;(&apos;，实际为 %2</translation>
    </message>
    <message>
        <source>%1 takes %2 arguments: expected &apos;,&apos;, found %3</source>
        <translation>%1 需要 %2 个参数：应为 &apos;,&apos;，实际为 %3</translation>
    </message>
    <message>
        <source>%1 takes %2 argument: expected &apos;)&apos;, found &apos;,&apos;</source>
        <translation>%1 需要 %2 个参数：应为 &apos;)&apos;，实际为 &apos;,&apos;</translation>
    </message>
    <message>
        <source>%1 takes %2 arguments: expected &apos;)&apos;, found &apos;,&apos;</source>
        <translation>%1 需要 %2 个参数：应为 &apos;)&apos;，实际为 &apos;,&apos;</translation>
    </message>
    <message>
        <source>unknown name &apos;%1&apos; (use x, y, pi, e or one of sin cos tan exp log sqrt abs tanh sigmoid softplus relu min max)</source>
        <translation>未知的名称 &apos;%1&apos;（可用 x、y、pi、e 或 sin cos tan exp log sqrt abs tanh sigmoid softplus relu min max 之一）</translation>
    </message>
    <message>
        <source>column %1: %2</source>
        <translation>第 %1 列：%2</translation>
    </message>
    <message>
        <source>expression longer than %1 characters</source>
        <translation>表达式超过 %1 个字符</translation>
    </message>
    <message>
        <source>surface: unknown surface &apos;%1&apos;</source>
        <translation>surface：未知的曲面 &apos;%1&apos;</translation>
    </message>
    <message>
        <source>No such file or directory</source>
        <translation>没有那个文件或目录</translation>
    </message>
    <message>
        <source>Permission denied</source>
        <translation>权限不够</translation>
    </message>
    <message>
        <source>%1: row %2 has every key masked, so its softmax is undefined</source>
        <translation>%1：第 %2 行的所有键都被掩码，其 softmax 无定义</translation>
    </message>
    <message>
        <source>text: there are no tokens</source>
        <translation>text：没有词元</translation>
    </message>
    <message>
        <source>temperature: must be a positive number</source>
        <translation>temperature：必须是正数</translation>
    </message>
    <message>
        <source>scale_factor: must be finite</source>
        <translation>scale_factor：必须是有限值</translation>
    </message>
    <message>
        <source>pad: masking the last %1 of %2 tokens leaves no key to attend to; use 0 to %3</source>
        <translation>pad：对 %2 个词元中的最后 %1 个做掩码后，没有可关注的键；请用 0 到 %3</translation>
    </message>
    <message>
        <source>heads: %1 does not divide d_model = %2 (each head gets d_model / heads columns)</source>
        <translation>heads：%1 不能整除 d_model = %2（每个注意力头分得 d_model / heads 列）</translation>
    </message>
    <message>
        <source>text: a token vector is not finite</source>
        <translation>text：有词元向量不是有限值</translation>
    </message>
    <message>
        <source>manual_k: Q, K and V need one vector per token, and Q and K the same length</source>
        <translation>manual_k：Q、K、V 需要每个词元一个向量，且 Q 与 K 的长度相同</translation>
    </message>
    <message>
        <source>%1: %2 numbers given; each token needs two (x, y), so the count must be even</source>
        <translation>%1：给出了 %2 个数；每个词元需要两个数 (x, y)，所以个数必须是偶数</translation>
    </message>
    <message>
        <source>%1: %2 vectors given; the toy mode takes %3 to %4 tokens (%5 to %6 numbers)</source>
        <translation>%1：给出了 %2 个向量；玩具模式接受 %3 到 %4 个词元（%5 到 %6 个数）</translation>
    </message>
    <message>
        <source>seq_len: %1 is out of range [1, %2]</source>
        <translation>seq_len：%1 超出范围 [1, %2]</translation>
    </message>
    <message>
        <source>manual_k: %1 numbers given but manual_q has %2; give one (x, y) key per token</source>
        <translation>manual_k：给出了 %1 个数，但 manual_q 有 %2 个；请为每个词元给出一个键 (x, y)</translation>
    </message>
    <message>
        <source>manual_v: %1 numbers given but manual_q has %2; give one (x, y) value per token</source>
        <translation>manual_v：给出了 %1 个数，但 manual_q 有 %2 个；请为每个词元给出一个值 (x, y)</translation>
    </message>
    <message>
        <source>d_model: must be positive</source>
        <translation>d_model：必须是正数</translation>
    </message>
    <message>
        <source>heads: %1 does not divide d_model = %2 (each head gets d_model / heads columns); try a divisor such as 1, 2 or 4</source>
        <translation>heads：%1 不能整除 d_model = %2（每个注意力头分得 d_model / heads 列）；请试一个约数，例如 1、2 或 4</translation>
    </message>
    <message>
        <source>temperature: must be positive</source>
        <translation>temperature：必须是正数</translation>
    </message>
    <message>
        <source>pad: masking the last %1 of %2 tokens hides every key, so no row has anything to attend to; use 0 to %3</source>
        <translation>pad：对 %2 个词元中的最后 %1 个做掩码会遮住所有键，任何一行都没有可关注的对象；请用 0 到 %3</translation>
    </message>
    <message>
        <source>text: more than %1 tokens (words and punctuation count separately); shorten the sentence</source>
        <translation>text：超过 %1 个词元（词和标点分别计数）；请缩短句子</translation>
    </message>
    <message>
        <source>text: the sentence is empty; type at least one word</source>
        <translation>text：句子为空；请至少输入一个词</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is out of range (rows #0 to #%2)</source>
        <translation>&apos;%1&apos; 超出范围（行 #0 到 #%2）</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a label of the data set</source>
        <translation>&apos;%1&apos; 不是数据集中的标签</translation>
    </message>
    <message>
        <source>analogy: empty expression (write for example %1)</source>
        <translation>analogy：表达式为空（例如写成 %1）</translation>
    </message>
    <message>
        <source>analogy: two operators in a row before &apos;%1&apos;</source>
        <translation>analogy：&apos;%1&apos; 之前连续出现了两个运算符</translation>
    </message>
    <message>
        <source>analogy: missing &apos;+&apos; or &apos;-&apos; before &apos;%1&apos; (separate terms with spaces: %2)</source>
        <translation>analogy：&apos;%1&apos; 之前缺少 &apos;+&apos; 或 &apos;-&apos;（各项之间用空格分开：%2）</translation>
    </message>
    <message>
        <source>analogy: %1</source>
        <translation>analogy：%1</translation>
    </message>
    <message>
        <source>analogy: the expression ends with an operator</source>
        <translation>analogy：表达式以运算符结尾</translation>
    </message>
    <message>
        <source>PCA needs at least 2 rows and 1 column (the data has %1 × %2)</source>
        <translation>主成分分析（PCA）至少需要 2 行 1 列（数据为 %1 × %2）</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>the eigen-decomposition of the covariance did not converge</source>
        <translation>协方差矩阵的特征分解没有收敛</translation>
    </message>
    <message>
        <source>the normalisation was fitted to data with %1 columns, not %2</source>
        <translation>归一化是在 %1 列的数据上拟合的，而不是 %2 列</translation>
    </message>
    <message>
        <source>mu must be finite</source>
        <translation>mu 必须是有限值</translation>
    </message>
    <message>
        <source>sigma must be &gt; 0</source>
        <translation>sigma 必须 &gt; 0</translation>
    </message>
    <message>
        <source>scale must be &gt; 0</source>
        <translation>scale 必须 &gt; 0</translation>
    </message>
    <message>
        <source>low and high must be finite</source>
        <translation>low 和 high 必须是有限值</translation>
    </message>
    <message>
        <source>low must be &lt; high</source>
        <translation>low 必须 &lt; high</translation>
    </message>
    <message>
        <source>lambda must be &gt; 0</source>
        <translation>lambda 必须 &gt; 0</translation>
    </message>
    <message>
        <source>alpha must be &gt; 0</source>
        <translation>alpha 必须 &gt; 0</translation>
    </message>
    <message>
        <source>beta must be &gt; 0</source>
        <translation>beta 必须 &gt; 0</translation>
    </message>
    <message>
        <source>mu and mu2 must be finite</source>
        <translation>mu 和 mu2 必须是有限值</translation>
    </message>
    <message>
        <source>sigma2 must be &gt; 0</source>
        <translation>sigma2 必须 &gt; 0</translation>
    </message>
    <message>
        <source>w must be in [0, 1]</source>
        <translation>w 必须在 [0, 1] 内</translation>
    </message>
    <message>
        <source>p must be in [0, 1]</source>
        <translation>p 必须在 [0, 1] 内</translation>
    </message>
    <message>
        <source>n must be in [1, 100000]</source>
        <translation>n 必须在 [1, 100000] 内</translation>
    </message>
    <message>
        <source>probs must have at least one entry</source>
        <translation>probs 至少要有一项</translation>
    </message>
    <message>
        <source>probs entry %1 must be a finite non-negative weight</source>
        <translation>probs 的第 %1 项必须是有限的非负权重</translation>
    </message>
    <message>
        <source>probs must not be all zero</source>
        <translation>probs 不能全为零</translation>
    </message>
    <message>
        <source>unknown family</source>
        <translation>未知的分布族</translation>
    </message>
    <message>
        <source>P: %1</source>
        <translation>P：%1</translation>
    </message>
    <message>
        <source>Q: %1</source>
        <translation>Q：%1</translation>
    </message>
    <message>
        <source>P and Q must both be continuous or both discrete</source>
        <translation>P 和 Q 必须同为连续分布或同为离散分布</translation>
    </message>
    <message>
        <source>fitting a Gaussian needs a continuous P</source>
        <translation>高斯拟合需要连续的 P</translation>
    </message>
    <message>
        <source>KL(Q‖P) is infinite for every Gaussian Q: P is zero outside its bounded support</source>
        <translation>对任何高斯分布 Q，KL(Q‖P) 都是无穷大：P 在其有界支撑集之外为零</translation>
    </message>
    <message>
        <source>no Gaussian gives a finite KL(Q‖P)</source>
        <translation>没有任何高斯分布能使 KL(Q‖P) 有限</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>没有样本</translation>
    </message>
    <message>
        <source>the beta likelihood has no finite maximum for this sample</source>
        <translation>对这个样本，Beta 似然没有有限的最大值</translation>
    </message>
    <message>
        <source>the MLE is degenerate for this sample (%1)</source>
        <translation>对这个样本，最大似然估计退化（%1）</translation>
    </message>
</context>
</TS>

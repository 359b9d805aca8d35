<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>EmbeddingsTab</name>
    <message>
        <source>Embeddings</source>
        <translation>嵌入</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>投影</translation>
    </message>
    <message>
        <source>Scree: explained variance ratio</source>
        <translation>碎石图：解释方差比</translation>
    </message>
    <message>
        <source>component</source>
        <translation>主成分</translation>
    </message>
    <message>
        <source>fraction of total variance</source>
        <translation>占总方差的比例</translation>
    </message>
    <message>
        <source>per component</source>
        <translation>各主成分</translation>
    </message>
    <message>
        <source>cumulative</source>
        <translation>累计</translation>
    </message>
    <message>
        <source>Loadings: what each shown component is made of</source>
        <translation>载荷：所显示的主成分由哪些维度构成</translation>
    </message>
    <message>
        <source>original dimension</source>
        <translation>原始维度</translation>
    </message>
    <message>
        <source>weight in the unit component</source>
        <translation>在单位主成分中的权重</translation>
    </message>
    <message>
        <source>Covariance matrix C = ZᵀZ/(n − 1)</source>
        <translation>协方差矩阵 C = ZᵀZ/(n − 1)</translation>
    </message>
    <message>
        <source>dimension j</source>
        <translation>维度 j</translation>
    </message>
    <message>
        <source>dimension i</source>
        <translation>维度 i</translation>
    </message>
    <message>
        <source>covariance</source>
        <translation>协方差</translation>
    </message>
    <message>
        <source>Reconstruction error vs components kept</source>
        <translation>重构误差与保留的主成分数</translation>
    </message>
    <message>
        <source>components kept k</source>
        <translation>保留的主成分数 k</translation>
    </message>
    <message>
        <source>error = Σ of discarded eigenvalues</source>
        <translation>误差 = 舍弃的特征值之和</translation>
    </message>
    <message>
        <source>error e(k)</source>
        <translation>误差 e(k)</translation>
    </message>
    <message>
        <source>current k</source>
        <translation>当前 k</translation>
    </message>
    <message>
        <source>search match</source>
        <translation>搜索匹配</translation>
    </message>
    <message>
        <source>neighbour</source>
        <translation>近邻</translation>
    </message>
    <message>
        <source>analogy</source>
        <translation>类比</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>选中</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;PCA&lt;/b&gt; finds the directions along which the vectors vary most. With the normalised data Z (n rows), the covariance is &lt;b&gt;C = ZᵀZ / (n − 1)&lt;/b&gt;; its eigenvectors &lt;b&gt;w&lt;sub&gt;j&lt;/sub&gt;&lt;/b&gt; (C w&lt;sub&gt;j&lt;/sub&gt; = λ&lt;sub&gt;j&lt;/sub&gt; w&lt;sub&gt;j&lt;/sub&gt;, λ₁ ≥ λ₂ ≥ …) are the principal components and each point is drawn at &lt;b&gt;p = (w&lt;sub&gt;x&lt;/sub&gt;·z, w&lt;sub&gt;y&lt;/sub&gt;·z)&lt;/b&gt;. λ&lt;sub&gt;j&lt;/sub&gt; / Σλ is the explained variance ratio of the scree plot.&lt;/p&gt;&lt;p&gt;Keeping k components, the mean squared reconstruction error Σ‖z − W&lt;sub&gt;k&lt;/sub&gt;W&lt;sub&gt;k&lt;/sub&gt;ᵀz‖² / (n − 1) equals &lt;b&gt;the sum of the discarded eigenvalues λ&lt;sub&gt;k+1&lt;/sub&gt; + … + λ&lt;sub&gt;d&lt;/sub&gt;&lt;/b&gt;. Neighbours use every row in the original space: cosine similarity x·y / (‖x‖‖y‖) or euclidean distance. An analogy a − b + c adds unit vectors and looks for the nearest other word.&lt;/p&gt;&lt;p&gt;In large models every token starts as such a vector (the embedding matrix), and PCA of embeddings or hidden states is how people look at what a model has learned: directions like gender, tense or country → capital appear as parallel offsets.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;主成分分析（PCA）&lt;/b&gt;寻找向量变化最大的方向。设归一化后的数据为 Z（n 行），协方差为 &lt;b&gt;C = ZᵀZ / (n − 1)&lt;/b&gt;；它的特征向量 &lt;b&gt;w&lt;sub&gt;j&lt;/sub&gt;&lt;/b&gt;（C w&lt;sub&gt;j&lt;/sub&gt; = λ&lt;sub&gt;j&lt;/sub&gt; w&lt;sub&gt;j&lt;/sub&gt;，λ₁ ≥ λ₂ ≥ …）就是主成分，每个点画在 &lt;b&gt;p = (w&lt;sub&gt;x&lt;/sub&gt;·z, w&lt;sub&gt;y&lt;/sub&gt;·z)&lt;/b&gt; 处。λ&lt;sub&gt;j&lt;/sub&gt; / Σλ 就是碎石图中的解释方差比。&lt;/p&gt;&lt;p&gt;保留 k 个主成分时，均方重构误差 Σ‖z − W&lt;sub&gt;k&lt;/sub&gt;W&lt;sub&gt;k&lt;/sub&gt;ᵀz‖² / (n − 1) 等于&lt;b&gt;舍弃的特征值之和 λ&lt;sub&gt;k+1&lt;/sub&gt; + … + λ&lt;sub&gt;d&lt;/sub&gt;&lt;/b&gt;。近邻在原始空间中对全部行计算：余弦相似度 x·y / (‖x‖‖y‖) 或欧氏距离。类比 a − b + c 把单位向量相加，再寻找最近的其他词。&lt;/p&gt;&lt;p&gt;在大模型中，每个 token 都从这样一个向量（嵌入矩阵的一行）开始；对嵌入或隐藏状态做 PCA，是人们观察模型学到了什么的常用方法：性别、时态、国家 → 首都这类方向表现为彼此平行的位移。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Computing PCA of %1…</source>
        <translation>正在计算 %1 的 PCA…</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>正在加载 %1…</translation>
    </message>
    <message>
        <source>Loading was cancelled; still showing %1.</source>
        <translation>加载已取消；仍显示 %1。</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>points</source>
        <translation>点</translation>
    </message>
    <message>
        <source>projection=raw needs data with 2 or 3 dimensions (this set has %1); showing PCA.</source>
        <translation>projection=raw 需要 2 维或 3 维的数据（此数据集有 %1 维）；改为显示 PCA。</translation>
    </message>
    <message>
        <source>The 3-D view needs 3 components; this data set has %1.</source>
        <translation>三维视图需要 3 个主成分；此数据集只有 %1 个。</translation>
    </message>
    <message>
        <source>%1 = %2 but only %3 components exist; showing PC%3.</source>
        <translation>%1 = %2，但只有 %3 个主成分；改为显示 PC%3。</translation>
    </message>
    <message>
        <source>x%1 (raw)</source>
        <translation>x%1（原始）</translation>
    </message>
    <message>
        <source>PC%1 (%2 % of variance)</source>
        <translation>PC%1（占方差的 %2 %）</translation>
    </message>
    <message>
        <source>turned view (yaw %1°, pitch %2°): drag to turn</source>
        <translation>旋转视图（偏航 %1°，俯仰 %2°）：拖动以旋转</translation>
    </message>
    <message>
        <source>screen y (orthographic)</source>
        <translation>屏幕 y（正交投影）</translation>
    </message>
    <message>
        <source>Projection on three components (3-D)</source>
        <translation>在三个主成分上的投影（三维）</translation>
    </message>
    <message>
        <source>Raw coordinates</source>
        <translation>原始坐标</translation>
    </message>
    <message>
        <source>Projection on two principal components</source>
        <translation>在两个主成分上的投影</translation>
    </message>
    <message>
        <source>%1 — showing %2 of %3 points</source>
        <translation>%1——显示 %3 个点中的 %2 个</translation>
    </message>
    <message>
        <source>search: invalid regular expression at offset %1: %2</source>
        <translation>search：正则表达式在偏移 %1 处无效：%2</translation>
    </message>
    <message>
        <source>select: %1</source>
        <translation>select：%1</translation>
    </message>
    <message>
        <source>PC%1</source>
        <translation>PC%1</translation>
    </message>
    <message>
        <source>Covariance matrix (first %1 of %2 dimensions)</source>
        <translation>协方差矩阵（%2 维中的前 %1 维）</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>%1 (%2 × %3)</source>
        <translation>%1（%2 × %3）</translation>
    </message>
    <message>
        <source>Showing</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>%1 of %2 points</source>
        <translation>%2 个点中的 %1 个</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>randomized SVD (range finder, %1 power iterations)</source>
        <translation>随机化 SVD（随机值域近似，%1 次幂迭代）</translation>
    </message>
    <message>
        <source>exact (eigen-decomposition of C)</source>
        <translation>精确（C 的特征分解）</translation>
    </message>
    <message>
        <source>Total variance tr(C)</source>
        <translation>总方差 tr(C)</translation>
    </message>
    <message>
        <source>λ%1 (PC%1)</source>
        <translation>λ%1（PC%1）</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2 %）</translation>
    </message>
    <message>
        <source>Variance kept by %1 PCs</source>
        <translation>%1 个主成分保留的方差</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Reconstruction error (k = %1)</source>
        <translation>重构误差（k = %1）</translation>
    </message>
    <message>
        <source>Load / PCA time</source>
        <translation>加载 / PCA 用时</translation>
    </message>
    <message>
        <source>%1 ms / %2 ms</source>
        <translation>%1 ms / %2 ms</translation>
    </message>
    <message>
        <source>Search matches</source>
        <translation>搜索匹配数</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <source>%1 (#%2)</source>
        <translation>%1（#%2）</translation>
    </message>
    <message>
        <source>  %1. %2</source>
        <translation>  %1. %2</translation>
    </message>
    <message>
        <source>Analogy</source>
        <translation>类比</translation>
    </message>
    <message>
        <source>  → %1. %2</source>
        <translation>  → %1. %2</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>%1 (#%2)
(%3)</source>
        <translation>%1（#%2）
(%3)</translation>
    </message>
    <message>
        <source>Solve paris − france + italy on the semantic words: rome comes first (cosine similarity 0.99), and the arrows france → paris and italy → rome point the same way.</source>
        <translation>在语义词向量上求 paris − france + italy：排第一的是 rome（余弦相似度 0.99），箭头 france → paris 与 italy → rome 指向同一方向。</translation>
    </message>
    <message>
        <source>Turn the handwritten digits in 3-D (drag the plot): the first three components hold only 40 % of the variance, yet the 0s, 2s and 4s already form separate clouds.</source>
        <translation>在三维视图中旋转手写数字（拖动图）：前三个主成分只占 40 % 的方差，但 0、2、4 已经各自形成分开的点云。</translation>
    </message>
    <message>
        <source>Keep k = 10 of the digits&apos; 64 dimensions: the ten largest components hold 74 % of the variance, and the reconstruction error e(10), the sum of the other 54 eigenvalues, is the remaining 26 %.</source>
        <translation>在手写数字的 64 个维度中保留 k = 10 个：最大的十个主成分占 74 % 的方差，重构误差 e(10) 即其余 54 个特征值之和，正好是剩下的 26 %。</translation>
    </message>
</context>
<context>
    <name>aimath::EmbeddingsTab</name>
    <message>
        <source>%1: has %2 row; PCA needs at least 2</source>
        <translation>%1：只有 %2 行；PCA 至少需要 2 行</translation>
    </message>
    <message>
        <source>dataset: &apos;file&apos; needs a file: set file=PATH (or use File &gt; Open Embeddings…)</source>
        <translation>dataset：&apos;file&apos; 需要一个文件：请设置 file=PATH（或使用“文件 &gt; 打开嵌入文件…”）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
</context>
<context>
    <name>aimath::params</name>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Semantic words (built in)</source>
        <translation>语义词向量（内置）</translation>
    </message>
    <message>
        <source>Handwritten digits (UCI)</source>
        <translation>手写数字（UCI）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>semantic: word vectors built from attribute directions (king − man + woman ≈ queen); digits: 1797 8×8 images; file: the file below (File &gt; Open Embeddings…, or drop a file on the window)</source>
        <translation>semantic：由属性方向构造的词向量（king − man + woman ≈ queen）；digits：1797 张 8×8 图像；file：下面的文件（文件 &gt; 打开嵌入文件…，或把文件拖到窗口上）</translation>
    </message>
    <message>
        <source>word2vec (text or binary), GloVe, TSV (+ metadata.tsv), CSV or .npy; setting it selects data set = file</source>
        <translation>word2vec（文本或二进制）、GloVe、TSV（+ metadata.tsv）、CSV 或 .npy；设置后数据集自动切换为“文件”</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>auto (detect)</source>
        <translation>自动（检测）</translation>
    </message>
    <message>
        <source>word2vec (text)</source>
        <translation>word2vec（文本）</translation>
    </message>
    <message>
        <source>word2vec (binary)</source>
        <translation>word2vec（二进制）</translation>
    </message>
    <message>
        <source>GloVe (text)</source>
        <translation>GloVe（文本）</translation>
    </message>
    <message>
        <source>TSV (Embedding Projector)</source>
        <translation>TSV（Embedding Projector）</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>NumPy .npy</source>
        <translation>NumPy .npy</translation>
    </message>
    <message>
        <source>auto detects the format from the content and the extension</source>
        <translation>“自动”根据文件内容和扩展名检测格式</translation>
    </message>
    <message>
        <source>Metadata (TSV)</source>
        <translation>元数据（TSV）</translation>
    </message>
    <message>
        <source>labels for a Projector vectors.tsv: one label per line, or a header row when it has several columns (2nd = class)</source>
        <translation>Projector 的 vectors.tsv 对应的标签：每行一个标签；有多列时首行为表头（第 2 列为类别）</translation>
    </message>
    <message>
        <source>Points drawn at most</source>
        <translation>最多绘制的点数</translation>
    </message>
    <message>
        <source>a seeded sample is drawn when there are more rows; PCA and neighbours always use every row</source>
        <translation>行数更多时只绘制一个带种子的随机样本；PCA 和近邻始终使用全部行</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>归一化</translation>
    </message>
    <message>
        <source>centre (x − mean)</source>
        <translation>中心化（x − 均值）</translation>
    </message>
    <message>
        <source>standardize ((x − mean) / sd)</source>
        <translation>标准化（(x − 均值) / 标准差）</translation>
    </message>
    <message>
        <source>spherize (centre, unit rows)</source>
        <translation>球面化（中心化，行单位化）</translation>
    </message>
    <message>
        <source>none (raw, uncentred)</source>
        <translation>无（原始数据，不中心化）</translation>
    </message>
    <message>
        <source>PCA</source>
        <translation>PCA</translation>
    </message>
    <message>
        <source>centre: x − mean; standardize: (x − mean)/sd; spherize: centre then unit rows; none: PCA of the raw, uncentred data</source>
        <translation>中心化：x − 均值；标准化：(x − 均值)/标准差；球面化：先中心化再把每行缩放为单位长度；无：对未中心化的原始数据做 PCA</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>exact (eigen-decomposition)</source>
        <translation>精确（特征分解）</translation>
    </message>
    <message>
        <source>randomized SVD</source>
        <translation>随机化 SVD</translation>
    </message>
    <message>
        <source>exact: eigen-decomposition of the covariance; randomized: range finder with power iterations; auto: exact up to 2,000 dimensions</source>
        <translation>精确：对协方差矩阵做特征分解；随机化：带幂迭代的随机值域近似；自动：维数不超过 2,000 时用精确方法</translation>
    </message>
    <message>
        <source>Components kept (k)</source>
        <translation>保留的主成分数 (k)</translation>
    </message>
    <message>
        <source>k of the reconstruction error plot (the error is the sum of the discarded eigenvalues)</source>
        <translation>重构误差图中的 k（误差等于舍弃的特征值之和）</translation>
    </message>
    <message>
        <source>Side view</source>
        <translation>辅助视图</translation>
    </message>
    <message>
        <source>Loadings of the shown components</source>
        <translation>所显示主成分的载荷</translation>
    </message>
    <message>
        <source>Covariance matrix</source>
        <translation>协方差矩阵</translation>
    </message>
    <message>
        <source>Reconstruction error vs k</source>
        <translation>重构误差随 k 的变化</translation>
    </message>
    <message>
        <source>Projection</source>
        <translation>投影</translation>
    </message>
    <message>
        <source>PCA components</source>
        <translation>PCA 主成分</translation>
    </message>
    <message>
        <source>Raw coordinates (2-D/3-D data)</source>
        <translation>原始坐标（二维/三维数据）</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>2-D scatter</source>
        <translation>二维散点图</translation>
    </message>
    <message>
        <source>3-D (drag to turn)</source>
        <translation>三维（拖动以旋转）</translation>
    </message>
    <message>
        <source>Horizontal axis: PC</source>
        <translation>横轴：PC</translation>
    </message>
    <message>
        <source>Vertical axis: PC</source>
        <translation>纵轴：PC</translation>
    </message>
    <message>
        <source>Depth axis (3-D): PC</source>
        <translation>深度轴（三维）：PC</translation>
    </message>
    <message>
        <source>Yaw (°)</source>
        <translation>偏航角 (°)</translation>
    </message>
    <message>
        <source>turn about the vertical axis (drag horizontally in the 3-D view)</source>
        <translation>绕竖直轴旋转（在三维视图中水平拖动）</translation>
    </message>
    <message>
        <source>Pitch (°)</source>
        <translation>俯仰角 (°)</translation>
    </message>
    <message>
        <source>turn about the horizontal axis (drag vertically in the 3-D view)</source>
        <translation>绕水平轴旋转（在三维视图中竖直拖动）</translation>
    </message>
    <message>
        <source>Show labels</source>
        <translation>显示标签</translation>
    </message>
    <message>
        <source>labels for up to 300 points, else for the selection and its neighbours</source>
        <translation>点数不超过 300 时为每个点显示标签，否则只为选中点及其近邻显示</translation>
    </message>
    <message>
        <source>Search (regular expression)</source>
        <translation>搜索（正则表达式）</translation>
    </message>
    <message>
        <source>Explore</source>
        <translation>探索</translation>
    </message>
    <message>
        <source>highlights every point whose label matches, case-insensitive</source>
        <translation>高亮标签匹配的所有点，不区分大小写</translation>
    </message>
    <message>
        <source>Selected point</source>
        <translation>选中的点</translation>
    </message>
    <message>
        <source>a label or #index (click a point to select it)</source>
        <translation>标签或 #序号（点击一个点即可选中）</translation>
    </message>
    <message>
        <source>Neighbours (k)</source>
        <translation>近邻数 (k)</translation>
    </message>
    <message>
        <source>Metric</source>
        <translation>度量</translation>
    </message>
    <message>
        <source>cosine similarity</source>
        <translation>余弦相似度</translation>
    </message>
    <message>
        <source>euclidean distance</source>
        <translation>欧氏距离</translation>
    </message>
    <message>
        <source>cosine similarity or euclidean distance, in the original space</source>
        <translation>在原始空间中计算余弦相似度或欧氏距离</translation>
    </message>
    <message>
        <source>Analogy</source>
        <translation>类比</translation>
    </message>
    <message>
        <source>a - b + c: the nearest rows to the result, inputs excluded</source>
        <translation>a - b + c：与结果最近的行，不含输入的词</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>the sample of drawn points and the randomized PCA</source>
        <translation>用于抽取绘制的点和随机化 PCA</translation>
    </message>
</context>
</TS>

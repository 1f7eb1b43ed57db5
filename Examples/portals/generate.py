#!/usr/bin/env python3
"""Writes the synthetic fixture portals of Examples/portals/ (committed; rerun to regenerate).

Each portal is a directory served by `swift run ictindex-fixtures` (and by the tests) on 127.0.0.1.
A `charset` file names the charset sent in the Content-Type header (absent: none, as legacy
sites do); a `headers` file adds response headers. expected.json is written by hand beside.
"""
import gzip, os, pathlib

ROOT = pathlib.Path(__file__).parent

def page(title, body, lang="vi", head=""):
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{head}
</head>
<body>
{body}
</body>
</html>
"""

def cp1258(text):
    """Encodes Vietnamese in windows-1258: letters it lacks precomposed are written as a base
    letter (â, ê, ô, ơ, ư, ă where needed) followed by a combining tone mark."""
    import unicodedata
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258"); continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, marks = parts[0], list(parts[1:])
        # Fold modifier marks (circumflex, breve, horn) into the base when cp1258 has that letter.
        for mark in list(marks):
            combined = unicodedata.normalize("NFC", base + mark)
            try:
                combined.encode("cp1258"); base = combined; marks.remove(mark)
            except UnicodeEncodeError:
                pass
        out += base.encode("cp1258") + "".join(marks).encode("cp1258")
    return bytes(out)

def write(site, path, text, encoding="utf-8"):
    if encoding == "cp1258" and isinstance(text, str):
        text = cp1258(text)
    target = ROOT / site / path.lstrip("/")
    if path.endswith("/"):
        target = target / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(text.encode(encoding) if isinstance(text, str) else text)

# ── A good provincial portal ───────────────────────────────────────────────────────────────
GOOD_MENU = """<nav><ul>
<li><a href="/gioi-thieu/">Giới thiệu</a></li>
<li><a href="/co-cau-to-chuc/">Cơ cấu tổ chức</a></li>
<li><a href="/lanh-dao/">Lãnh đạo tỉnh</a></li>
<li><a href="/tin-tuc/">Tin tức - Sự kiện</a></li>
<li><a href="/chi-dao-dieu-hanh/">Chỉ đạo điều hành</a></li>
<li><a href="/van-ban/">Văn bản quy phạm pháp luật</a></li>
<li><a href="/dich-vu-cong/">Dịch vụ công trực tuyến</a></li>
<li><a href="/quy-hoach/">Chiến lược, quy hoạch, kế hoạch</a></li>
<li><a href="/du-an/">Dự án đầu tư, đấu thầu</a></li>
<li><a href="/du-thao/">Lấy ý kiến dự thảo văn bản</a></li>
<li><a href="/thong-ke/">Số liệu thống kê</a></li>
<li><a href="/ngan-sach/">Công khai ngân sách</a></li>
<li><a href="/de-tai/">Đề tài khoa học</a></li>
<li><a href="/pho-bien-phap-luat/">Phổ biến pháp luật</a></li>
<li><a href="/hoi-dap/">Hỏi đáp</a></li>
<li><a href="/gop-y/">Góp ý, phản ánh kiến nghị</a></li>
<li><a href="/so-do-cong/">Sơ đồ cổng</a></li>
<li><a href="/rss/">RSS</a></li>
<li><a href="/en/">English</a></li>
</ul></nav>
<form action="/tim-kiem/" method="get"><label for="q">Tìm kiếm</label><input id="q" type="search" name="q"><button type="submit">Tìm</button></form>
"""
RSS_HEAD = '<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss/tin-tuc.rss">'

def good():
    site = "good-province"
    write(site, "/", page("Cổng thông tin điện tử tỉnh Thừa Thiên Huế", GOOD_MENU + """
<h1>Cổng thông tin điện tử tỉnh Thừa Thiên Huế</h1>
<h2>Tin mới</h2>
<ul><li><a href="/tin-tuc/bai-1.html">Hội nghị chuyển đổi số tỉnh năm 2019</a> <span>(20/12/2019)</span></li>
<li><a href="/tin-tuc/bai-2.html">Khai trương Trung tâm giám sát điều hành đô thị thông minh</a> <span>(15/12/2019)</span></li></ul>
<img src="/logo.png" alt="Logo tỉnh Thừa Thiên Huế">
""", head=RSS_HEAD))
    for path, title, body in [
        ("/gioi-thieu/", "Giới thiệu", "<h1>Giới thiệu chung</h1><p>Chức năng, nhiệm vụ của Ủy ban nhân dân tỉnh.</p>"),
        ("/co-cau-to-chuc/", "Cơ cấu tổ chức", "<h1>Sơ đồ tổ chức</h1><img src='/so-do.png' alt='Sơ đồ tổ chức UBND tỉnh'>"),
        ("/lanh-dao/", "Lãnh đạo tỉnh", "<h1>Lãnh đạo UBND tỉnh</h1><p>Chủ tịch: Nguyễn Văn A, điện thoại 0234 3822 000, email ubnd@thuathienhue.gov.vn</p>"),
        ("/tin-tuc/", "Tin tức - Sự kiện", "<h1>Tin tức</h1><ul><li><a href='/tin-tuc/bai-1.html'>Hội nghị chuyển đổi số</a> 20/12/2019</li><li><a href='/tin-tuc/bai-2.html'>Đô thị thông minh</a> 15/12/2019</li></ul>"),
        ("/tin-tuc/bai-1.html", "Hội nghị chuyển đổi số", "<h1>Hội nghị chuyển đổi số tỉnh năm 2019</h1><p>Ngày đăng: 20/12/2019. Sáng nay, UBND tỉnh tổ chức hội nghị…</p>"),
        ("/tin-tuc/bai-2.html", "Đô thị thông minh", "<h1>Khai trương Trung tâm giám sát điều hành</h1><p>Ngày đăng: 15/12/2019.</p>"),
        ("/chi-dao-dieu-hanh/", "Chỉ đạo điều hành", "<h1>Thông tin chỉ đạo, điều hành</h1><p>Công văn số 123/UBND-KGVX ngày 02/12/2019.</p>"),
        ("/van-ban/", "Văn bản", "<h1>Hệ thống văn bản</h1><table><tr><th>Số hiệu</th><th>Trích yếu</th></tr>"
            "<tr><td>12/2019/QĐ-UBND</td><td>Quy định quản lý cổng thông tin</td></tr>"
            "<tr><td>45/2019/QĐ-UBND</td><td>Quy chế phối hợp</td></tr>"
            "<tr><td>61/2018/NĐ-CP</td><td>Nghị định về một cửa, một cửa liên thông</td></tr>"
            "<tr><td>43/2011/NĐ-CP</td><td>Nghị định về cung cấp thông tin và dịch vụ công trực tuyến</td></tr></table>"),
        ("/dich-vu-cong/", "Dịch vụ công trực tuyến", "<h1>Danh sách dịch vụ công trực tuyến</h1><table>"
            "<tr><th>Tên thủ tục</th><th>Mức độ</th></tr>"
            "<tr><td>Cấp giấy phép xây dựng nhà ở riêng lẻ</td><td>Mức độ 4</td></tr>"
            "<tr><td>Đăng ký hộ kinh doanh</td><td>Mức độ 4</td></tr>"
            "<tr><td>Cấp bản sao trích lục hộ tịch</td><td>Mức độ 4</td></tr>"
            "<tr><td>Cấp giấy phép lái xe quốc tế</td><td>Mức độ 3</td></tr>"
            "<tr><td>Cấp chứng chỉ hành nghề dược</td><td>Mức độ 3</td></tr>"
            "<tr><td>Đăng ký khai sinh</td><td>Mức độ 3</td></tr>"
            "<tr><td>Cấp phép khai thác nước mặt</td><td>Mức độ 2</td></tr>"
            "<tr><td>Thẩm định dự án đầu tư</td><td>Mức độ 2</td></tr>"
            "<tr><td>Công nhận làng nghề</td><td>Mức độ 2</td></tr>"
            "<tr><td>Cấp giấy phép biểu diễn</td><td>Mức độ 2</td></tr></table>"),
        ("/quy-hoach/", "Quy hoạch", "<h1>Chiến lược, quy hoạch, kế hoạch phát triển</h1>"),
        ("/du-an/", "Dự án", "<h1>Dự án đầu tư, đấu thầu, mua sắm công</h1>"),
        ("/du-thao/", "Dự thảo", "<h1>Lấy ý kiến dự thảo văn bản</h1>"),
        ("/thong-ke/", "Thống kê", "<h1>Số liệu thống kê</h1>"),
        ("/ngan-sach/", "Ngân sách", "<h1>Công khai ngân sách năm 2019</h1>"),
        ("/de-tai/", "Đề tài", "<h1>Đề tài khoa học</h1>"),
        ("/pho-bien-phap-luat/", "Phổ biến pháp luật", "<h1>Tuyên truyền, phổ biến pháp luật</h1>"),
        ("/hoi-dap/", "Hỏi đáp", "<h1>Hỏi đáp trực tuyến</h1><form action='/hoi-dap/gui'><label for='ten'>Họ tên</label><input id='ten' name='ten'><label for='cau-hoi'>Câu hỏi</label><textarea id='cau-hoi' name='cau-hoi'></textarea><button type='submit'>Gửi</button></form>"),
        ("/gop-y/", "Góp ý", "<h1>Góp ý, phản ánh kiến nghị</h1>"),
        ("/so-do-cong/", "Sơ đồ cổng", "<h1>Sơ đồ cổng</h1>"),
        ("/rss/", "RSS", "<h1>Kênh RSS</h1><a href='/rss/tin-tuc.rss'>Tin tức</a>"),
        ("/tim-kiem/", "Tìm kiếm", "<h1>Kết quả tìm kiếm</h1>"),
    ]:
        write(site, path, page(title + " - Cổng TTĐT tỉnh Thừa Thiên Huế", GOOD_MENU + body, head=RSS_HEAD))
    write(site, "/en/", page("Thua Thien Hue Provincial Portal", "<h1>Welcome to Thua Thien Hue</h1><p>News, investment and tourism.</p><a href='/'>Tiếng Việt</a>", lang="en"))
    write(site, "/rss/tin-tuc.rss", '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Tin tức</title></channel></rss>')
    write(site, "/sitemap.xml", '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/</loc></url></urlset>')
    write(site, "/robots.txt", "User-agent: *\nDisallow: /admin/\nAllow: /\nSitemap: /sitemap.xml\n")
    write(site, "/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(site, "/so-do.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    write(site, "charset", "utf-8\n")
    write(site, "headers", "Strict-Transport-Security: max-age=31536000\n")

# ── A ministry portal (NĐ 42/2022 wording, "toàn trình"/"một phần" services) ──────────────
MIN_MENU = """<div class="menu">
<a href="/about/">Giới thiệu</a> | <a href="/to-chuc/">Tổ chức bộ máy</a> | <a href="/lien-he/">Thông tin liên hệ</a> |
<a href="/news/">Tin tức</a> | <a href="/vbpl/">Văn bản pháp luật</a> | <a href="/tthc/">Thủ tục hành chính</a> |
<a href="/du-thao/">Góp ý dự thảo</a> | <a href="/thong-ke/">Thống kê</a> | <a href="/search/">Tìm kiếm</a> | <a href="/en/">EN</a>
</div>"""

def ministry():
    site = "ministry"
    write(site, "/", page("Cổng thông tin điện tử Bộ Tư pháp", MIN_MENU + "<h1>Bộ Tư pháp</h1><p>Cập nhật 10/11/2023</p><img src='/banner.png'>"))
    write(site, "/about/", page("Giới thiệu", MIN_MENU + "<h1>Chức năng, nhiệm vụ</h1>"))
    write(site, "/to-chuc/", page("Tổ chức", MIN_MENU + "<h1>Cơ cấu tổ chức</h1>"))
    write(site, "/lien-he/", page("Liên hệ", MIN_MENU + "<h1>Lãnh đạo Bộ</h1><p>Bộ trưởng, các Thứ trưởng; đường dây nóng.</p>"))
    write(site, "/news/", page("Tin tức", MIN_MENU + "<h1>Tin tức</h1><p>08/11/2023 Hội nghị tổng kết</p><p>10/11/2023 Tập huấn</p>"))
    write(site, "/vbpl/", page("Văn bản", MIN_MENU + "<h1>Văn bản pháp luật</h1><ul><li>42/2022/NĐ-CP</li><li>15/2023/TT-BTP</li><li>07/2023/TT-BTP</li></ul>"))
    write(site, "/tthc/", page("Thủ tục hành chính", MIN_MENU + "<h1>Thủ tục hành chính</h1><table>"
        "<tr><td>Cấp phiếu lý lịch tư pháp</td><td>Toàn trình</td></tr>"
        "<tr><td>Đăng ký hành nghề luật sư</td><td>Toàn trình</td></tr>"
        "<tr><td>Cấp thẻ công chứng viên</td><td>Một phần</td></tr>"
        "<tr><td>Đăng ký giao dịch bảo đảm</td><td>Toàn trình</td></tr>"
        "<tr><td>Cấp giấy phép thành lập trung tâm trọng tài</td><td>Một phần</td></tr></table>"))
    write(site, "/du-thao/", page("Dự thảo", MIN_MENU + "<h1>Lấy ý kiến dự thảo văn bản</h1>"))
    write(site, "/thong-ke/", page("Thống kê", MIN_MENU + "<h1>Thống kê</h1>"))
    write(site, "/search/", page("Tìm kiếm", MIN_MENU + "<form><input type='search' name='keyword' aria-label='Từ khóa'></form>"))
    write(site, "/en/", page("Ministry of Justice", "<h1>Ministry of Justice</h1>", lang="en"))
    write(site, "/banner.png", b"\x89PNG\r\n\x1a\n" + bytes(32))
    write(site, "charset", "utf-8\n")

# ── A poor portal: few items, accessibility problems ─────────────────────────────────────
def poor():
    site = "poor"
    menu = '<a href="/tintuc.html">Tin tức</a> <a href="/lienhe.html">Liên hệ</a> <a href="/x.html"><img src="/icon.gif"></a>'
    write(site, "/", f"""<html><head><title></title><meta name="viewport" content="width=device-width, user-scalable=no"><meta http-equiv="refresh" content="30"></head>
<body><marquee>Chào mừng quý khách</marquee>{menu}<p>Tin đăng ngày 02/03/2018</p><form><input name="q"></form></body></html>""")
    write(site, "/tintuc.html", f"<html><head><title>Tin tức</title></head><body>{menu}<p>01/03/2018 Thông báo</p></body></html>")
    write(site, "/lienhe.html", f"<html><head><title>Liên hệ</title></head><body>{menu}<p>Điện thoại</p><a href='/khong-co.html'>Trang cũ</a></body></html>")
    write(site, "/x.html", f"<html><head><title>X</title></head><body>{menu}</body></html>")
    write(site, "charset", "utf-8\n")

# ── A legacy site in windows-1258 (no charset header; one page without any declaration) ───
def legacy():
    site = "legacy-1258"
    menu = '<a href="/gioithieu.htm">Giới thiệu</a> | <a href="/tintuc.htm">Tin tức sự kiện</a> | <a href="/vanban.htm">Văn bản</a> | <a href="/tcvn3.htm">Bản cũ</a>'
    head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    write(site, "/", f"<html lang='vi'><head>{head}<title>Ủy ban nhân dân huyện Phú Vang</title></head><body>{menu}<h1>Trang thông tin điện tử huyện Phú Vang</h1><p>Cập nhật 05/01/2015</p></body></html>", "cp1258")
    write(site, "/gioithieu.htm", f"<html><head>{head}<title>Giới thiệu</title></head><body>{menu}<h1>Giới thiệu chung về huyện</h1></body></html>", "cp1258")
    # No declaration at all: the heuristic must choose windows-1258 (not UTF-8, not ISO-8859-1).
    write(site, "/tintuc.htm", f"<html><head><title>Tin tức sự kiện</title></head><body>{menu}<h1>Tin tức sự kiện</h1><p>Lễ hội cầu ngư 04/01/2015</p></body></html>", "cp1258")
    write(site, "/vanban.htm", f"<html><head>{head}<title>Văn bản</title></head><body>{menu}<p>Quyết định số 12/2014/QĐ-UBND; 05/2014/QĐ-UBND; 77/2014/NĐ-CP</p></body></html>", "cp1258")
    # A page in the TCVN3 (ABC) font encoding: Latin-1 code points drawn by .VnTime.
    tcvn = "<html><head><title>Ban cu</title></head><body><font face='.VnTime'>" + ("\xb8\xb5\xb6 \xb7\xb9 C\xa8ng th\xaang tin \xae\xa9 " * 10) + "</font></body></html>"
    write(site, "/tcvn3.htm", tcvn, "latin-1")

# ── A JavaScript-only shell ───────────────────────────────────────────────────────────────
def shell():
    site = "js-shell"
    write(site, "/", """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng thông tin</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><script src="/app.js"></script></head>
<body><div id="root"></div><noscript>Vui lòng bật JavaScript</noscript></body></html>""")
    write(site, "/app.js", "document.getElementById('root').innerHTML = '<a href=\"/tin-tuc\">Tin tức</a>';")
    write(site, "charset", "utf-8\n")

def hostile():
    site = "hostile"
    # 20 MiB of zeros, gzip-compressed to ~20 KiB: a decompression bomb.
    write(site, "bomb.gz", gzip.compress(bytes(20 * 1024 * 1024), 9))

if __name__ == "__main__":
    good(); ministry(); poor(); legacy(); shell(); hostile()
